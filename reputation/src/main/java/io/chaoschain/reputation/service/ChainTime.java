package io.chaoschain.reputation.service;

import io.chaoschain.core.TimeProvider;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock reputation is scored by: the wall clock, or the latest block time the node has seen when a chain runs
 * ahead of it (a devnet whose time was warped past a timelock). Events are stamped with block times and the engine
 * ignores events after its "as of" time, so scoring by the wall clock alone would drop a warped chain's recent events.
 */
public final class ChainTime implements TimeProvider {
    private final TimeProvider wall;
    private final AtomicLong latestBlockMillis = new AtomicLong(Long.MIN_VALUE);

    public ChainTime(TimeProvider wall) {
        this.wall = wall;
    }

    /** Notes a block time seen on some chain. */
    public Instant observe(Instant blockTime) {
        latestBlockMillis.accumulateAndGet(blockTime.toEpochMilli(), Math::max);
        return blockTime;
    }

    @Override
    public Instant now() {
        Instant w = wall.now();
        long chain = latestBlockMillis.get();
        return chain > w.toEpochMilli() ? Instant.ofEpochMilli(chain) : w;
    }
}
