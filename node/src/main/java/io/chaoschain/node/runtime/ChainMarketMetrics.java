package io.chaoschain.node.runtime;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.market.LendingMarketReader;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.node.lifecycle.MarketMetrics;
import java.util.function.LongConsumer;

/** One agent's market as the lifecycle sees it, read through the chain client; reports heads to the API's cache. */
final class ChainMarketMetrics implements MarketMetrics {
    private final EvmChainClient client;
    private final LendingMarketReader reader;
    private final String market;
    private final LongConsumer headListener;

    ChainMarketMetrics(EvmChainClient client, String market, LongConsumer headListener) {
        this.client = client;
        this.reader = new LendingMarketReader(client);
        this.market = market;
        this.headListener = headListener;
    }

    @Override
    public RateModel rateModel() {
        return reader.rateModel(market, client.blockNumber());
    }

    @Override
    public MarketSnapshot snapshot(long block, long previousBlock) {
        return reader.snapshot(market, block, previousBlock);
    }

    @Override
    public long firstBlockWithCode(long from, long to) {
        long lo = from;
        long hi = to + 1;
        while (lo < hi) { // code, once deployed, stays: binary search for the first block that has it
            long mid = lo + (hi - lo) / 2;
            String code = client.getCode(market, BlockRef.at(mid));
            if (code == null || code.equals("0x")) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public long headBlock() {
        long head = client.blockNumber();
        headListener.accept(head);
        return head;
    }
}
