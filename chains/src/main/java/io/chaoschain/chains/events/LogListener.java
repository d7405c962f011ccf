package io.chaoschain.chains.events;

import io.chaoschain.chains.LogEntry;

/** Receives the confirmed logs of a {@link ConfirmedEventMonitor}, one at a time, on the monitor's thread. */
public interface LogListener {

    /**
     * A confirmed log, in chain order. If this throws, the monitor stops the poll and redelivers from the start of the
     * log's block next time: delivery is at least once, so identify logs by {@code (blockHash, logIndex)}.
     */
    void onLog(LogEntry log);

    /**
     * Blocks whose logs were already delivered were replaced by a reorg deeper than the configured confirmations. Logs
     * delivered for blocks {@code (forkBlock, orphanedThrough]} may no longer be on the chain; the logs of the new
     * canonical blocks after {@code forkBlock} are delivered next.
     */
    default void onReorg(long forkBlock, long orphanedThrough) {}
}
