package io.chaoschain.core.metrics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lending market's state at one block, as collected by the chain monitor.
 *
 * @param market the market contract
 * @param blockNumber the block read
 * @param blockTime the block's timestamp
 * @param utilization borrows / (cash + borrows - reserves), 0..1
 * @param borrowApr borrow rate per year, 0.05 = 5 %
 * @param supplyApr supply rate per year
 * @param totalBorrows in asset units
 * @param cash in asset units
 * @param reserves in asset units
 * @param supplyVolume asset supplied since the previous snapshot
 * @param borrowVolume asset borrowed since the previous snapshot
 */
public record MarketSnapshot(
        String market,
        long blockNumber,
        Instant blockTime,
        BigDecimal utilization,
        BigDecimal borrowApr,
        BigDecimal supplyApr,
        BigDecimal totalBorrows,
        BigDecimal cash,
        BigDecimal reserves,
        BigDecimal supplyVolume,
        BigDecimal borrowVolume) {}
