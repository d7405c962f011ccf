package io.chaoschain.agent;

import java.math.BigDecimal;

/**
 * What an analyst found worth a proposal, with the evidence a delegate needs to check it.
 *
 * @param market the market concerned
 * @param kind a short machine-readable kind, e.g. {@code utilization-above-kink}
 * @param summary one human sentence
 * @param fromBlock first block of the evidence window
 * @param toBlock last block of the evidence window
 * @param samples snapshots examined
 * @param stressedSamples snapshots above the stress threshold
 * @param meanUtilization mean utilization over the window
 * @param maxUtilization highest utilization seen
 * @param meanBorrowApr mean borrow APR over the window
 * @param meanSupplyApr mean supply APR over the window
 */
public record Opportunity(
        String market,
        String kind,
        String summary,
        long fromBlock,
        long toBlock,
        int samples,
        int stressedSamples,
        BigDecimal meanUtilization,
        BigDecimal maxUtilization,
        BigDecimal meanBorrowApr,
        BigDecimal meanSupplyApr) {}
