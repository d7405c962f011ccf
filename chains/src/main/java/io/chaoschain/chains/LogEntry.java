package io.chaoschain.chains;

import java.util.List;

/**
 * An event log. {@code (blockHash, logIndex)} identifies a log uniquely, also across reorgs.
 *
 * @param address the emitting contract (lower case)
 * @param topics topic 0 (the event signature hash) first
 * @param data the non-indexed arguments, ABI-encoded
 * @param removed true when the node reports the log as removed by a reorg
 */
public record LogEntry(
        String address,
        List<String> topics,
        String data,
        long blockNumber,
        String blockHash,
        String transactionHash,
        int transactionIndex,
        int logIndex,
        boolean removed) {
    public LogEntry {
        topics = List.copyOf(topics);
    }

    /** Topic 0, the event signature hash, or empty for anonymous events. */
    public String topic0() {
        return topics.isEmpty() ? "" : topics.getFirst();
    }
}
