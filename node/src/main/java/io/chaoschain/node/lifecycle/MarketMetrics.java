package io.chaoschain.node.lifecycle;

import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;

/** Reads one market's parameters and state from its chain. */
public interface MarketMetrics {

    RateModel rateModel() throws Exception;

    /** The market at {@code block}, with volumes counted over (previousBlock, block]. */
    MarketSnapshot snapshot(long block, long previousBlock) throws Exception;

    long headBlock() throws Exception;

    /** The first block in [from, to] at which the market has code (it was deployed), or to + 1 if none. */
    long firstBlockWithCode(long from, long to) throws Exception;
}
