package io.chaoschain.core.metrics;

import java.math.BigInteger;

/**
 * A jump-rate interest model's parameters, WAD-scaled as the contract stores them (per-year rates).
 */
public record RateModel(
        BigInteger baseRatePerYear,
        BigInteger multiplierPerYear,
        BigInteger jumpMultiplierPerYear,
        BigInteger kink,
        BigInteger reserveFactor) {}
