package io.chaoschain.agent;

import java.math.BigDecimal;
import java.util.List;

/**
 * Tuning of the rate-model analyst. Fractions are plain decimals (0.9 = 90 %).
 *
 * @param minSamples fewest metric snapshots the analyst needs before it judges a market
 * @param highUtilization utilization above which a snapshot counts as stressed
 * @param stressedShare share of snapshots that must be stressed to call it an opportunity (not a spike)
 * @param targetUtilization the projected utilization a proposal must bring the market to, or below
 * @param maxBorrowApr the borrow APR a proposal may not push the market above (a borrower-protection constraint)
 * @param jumpFactors multiples of the current jump multiplier tried in the first sweep, ascending
 * @param refinementRounds bisection rounds between the best failing and the smallest passing candidate
 */
public record AnalystSettings(
        int minSamples,
        BigDecimal highUtilization,
        BigDecimal stressedShare,
        BigDecimal targetUtilization,
        BigDecimal maxBorrowApr,
        List<BigDecimal> jumpFactors,
        int refinementRounds) {

    public AnalystSettings {
        if (minSamples < 2) {
            throw new IllegalArgumentException("agent.minSamples must be at least 2");
        }
        requireFraction(highUtilization, "agent.highUtilization");
        requireFraction(stressedShare, "agent.stressedShare");
        requireFraction(targetUtilization, "agent.targetUtilization");
        if (maxBorrowApr.signum() <= 0) {
            throw new IllegalArgumentException("agent.maxBorrowApr must be positive");
        }
        if (jumpFactors.isEmpty() || jumpFactors.stream().anyMatch(f -> f.compareTo(BigDecimal.ONE) <= 0)) {
            throw new IllegalArgumentException("agent.jumpFactors must be non-empty and each above 1");
        }
        jumpFactors = jumpFactors.stream().sorted().toList();
        if (refinementRounds < 0) {
            throw new IllegalArgumentException("agent.refinementRounds must not be negative");
        }
    }

    public static AnalystSettings defaults() {
        return new AnalystSettings(
                8,
                new BigDecimal("0.90"),
                new BigDecimal("0.60"),
                new BigDecimal("0.90"),
                new BigDecimal("0.60"),
                List.of(new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("8")),
                2);
    }

    private static void requireFraction(BigDecimal value, String name) {
        if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
        }
    }
}
