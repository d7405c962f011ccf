package io.chaoschain.agent;

import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.RateModel;

/**
 * The market an agent governs and what it needs to propose changes to it.
 *
 * @param chain the chain's configured name
 * @param market the lending market contract
 * @param executor the address that executes passed proposals (the DAO's timelock)
 * @param model the market's current rate model, read from the chain
 */
public record MarketTarget(String chain, String market, String executor, RateModel model) {
    public MarketTarget {
        market = Hex.address(market, "market");
        executor = Hex.address(executor, "executor");
    }
}
