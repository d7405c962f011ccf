package io.chaoschain.agent;

import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's judgement of one simulated candidate: whether it reaches the target without breaking a constraint, and
 * why not when it does not.
 */
public record CandidateVerdict(
        BigInteger jumpMultiplier, SimulationReport report, boolean passed, List<String> reasons) {

    /** Reverts that show rate-sensitive demand backing off, not breakage. */
    public static final String RATE_CEILING_REVERT = "BorrowRateAboveLimit";

    public static CandidateVerdict judge(BigInteger jumpMultiplier, SimulationReport report, AnalystSettings settings) {
        List<String> reasons = new ArrayList<>();
        if (!report.allActionsSucceeded()) {
            report.actions().stream()
                    .filter(a -> !a.success())
                    .forEach(a -> reasons.add(
                            "action " + a.selector() + " on " + a.target() + " reverted: " + a.revertReason()));
        }
        BigDecimal before = metric(report.metricsBefore(), "utilization");
        BigDecimal after = metric(report.metricsAfter(), "utilization");
        BigDecimal aprAfter = metric(report.metricsAfter(), "borrowApr");
        if (after.compareTo(before) >= 0) {
            reasons.add(
                    "projected utilization " + Percent.of(after) + " is not below the baseline " + Percent.of(before));
        }
        if (after.compareTo(settings.targetUtilization()) > 0) {
            reasons.add("projected utilization " + Percent.of(after) + " is above the target "
                    + Percent.of(settings.targetUtilization()));
        }
        if (aprAfter.compareTo(settings.maxBorrowApr()) > 0) {
            reasons.add("projected borrow APR " + Percent.of(aprAfter) + " exceeds the cap "
                    + Percent.of(settings.maxBorrowApr()));
        }
        int newBreakage = otherReverts(report.withProposal()) - otherReverts(report.baseline());
        if (newBreakage > 0) {
            reasons.add(newBreakage
                    + " more replayed transactions fail for reasons other than the borrowers' rate ceiling");
        }
        return new CandidateVerdict(jumpMultiplier, report, reasons.isEmpty(), List.copyOf(reasons));
    }

    private static int otherReverts(SimulationReport.ReplayOutcome outcome) {
        int rateCeiling = outcome.revertReasons().getOrDefault(RATE_CEILING_REVERT, 0);
        return outcome.reverted() - rateCeiling;
    }

    static BigDecimal metric(Map<String, BigDecimal> metrics, String name) {
        BigDecimal value = metrics.get(name);
        if (value == null) {
            throw new IllegalStateException("simulation report lacks metric '" + name + "'");
        }
        return value;
    }
}
