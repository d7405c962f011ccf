package io.chaoschain.chains;

import java.time.Instant;
import java.util.List;

/** A block with its full transactions, in block order. */
public record ChainBlock(BlockHeader header, List<ChainTransaction> transactions) {
    public ChainBlock {
        transactions = List.copyOf(transactions);
    }

    public long number() {
        return header.number();
    }

    public String hash() {
        return header.hash();
    }

    public Instant timestamp() {
        return header.timestamp();
    }
}
