package io.chaoschain.storage;

import io.chaoschain.core.metrics.MarketSnapshot;
import java.util.List;
import java.util.Optional;

/** Time series of lending-market state, one row per chain, market and block. */
public interface MetricStore {

    /**
     * Stores the snapshot unless one for the same chain, market and block is already stored (monitors re-read blocks
     * after a restart).
     *
     * @return true when stored, false when that block was already recorded
     */
    boolean record(String chain, MarketSnapshot snapshot);

    /** The most recent snapshots matching the query, oldest first. */
    List<ChainSnapshot> series(MetricQuery query);

    /** The market's snapshot at its highest recorded block. */
    Optional<MarketSnapshot> latest(String chain, String market);

    /** The latest snapshot of every market on every chain. */
    List<ChainSnapshot> latestPerMarket();

    /** One market's snapshots with block numbers in [fromBlock, toBlock], oldest first. */
    List<MarketSnapshot> range(String chain, String market, long fromBlock, long toBlock);
}
