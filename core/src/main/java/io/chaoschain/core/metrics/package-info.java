/**
 * Lending-market metrics as value types: a market's state at one block ({@link
 * io.chaoschain.core.metrics.MarketSnapshot}) and its jump-rate interest model ({@link
 * io.chaoschain.core.metrics.RateModel}). Chains read them, agents reason about them, the store keeps them.
 */
package io.chaoschain.core.metrics;
