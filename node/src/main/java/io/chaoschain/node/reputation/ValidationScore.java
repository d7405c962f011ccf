package io.chaoschain.node.reputation;

import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The validator's 0-100 score of a simulation report: 0 when the candidate failed its checks or an action reverted on
 * the fork; otherwise 50 (neutral) plus 5 points per percentage point the simulated utilization dropped (minus 5 per
 * point it rose), clamped to [0, 100]. A proposal that simulates cleanly but does not move the target metric scores 50.
 */
public final class ValidationScore {
    /** From this score on, a validation confirms the agent's work. */
    public static final int PASS = 50;

    private ValidationScore() {}

    public static int of(SimulationReport report, boolean passed) {
        if (!passed || !report.allActionsSucceeded()) {
            return 0;
        }
        BigDecimal gain = ReputationFlow.improvement(report.metricsBefore(), report.metricsAfter());
        BigDecimal score = BigDecimal.valueOf(50).add(gain.movePointRight(2).multiply(BigDecimal.valueOf(5)));
        return score.setScale(0, RoundingMode.HALF_UP)
                .max(BigDecimal.ZERO)
                .min(BigDecimal.valueOf(100))
                .intValueExact();
    }
}
