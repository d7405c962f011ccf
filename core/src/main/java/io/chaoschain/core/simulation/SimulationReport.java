package io.chaoschain.core.simulation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The facts a fork simulation established. Judging them (is the proposal good?) is the agent's job, not the
 * simulator's.
 *
 * @param forkBlock the block the fork was taken at
 * @param chainId the forked chain's id
 * @param actions what each proposal action did when executed by the executor on the fork
 * @param baseline replay of recent traffic without the proposal
 * @param withProposal replay of the same traffic after the proposal executed
 * @param metricsBefore probe values after the baseline replay
 * @param metricsAfter probe values after the replay with the proposal
 * @param stateChanges storage slots the proposal's execution changed, per contract
 * @param safety the safety checks' verdicts on the proposal's execution and the hash of their full report, or null
 *     when the simulator ran none
 * @param reportHash keccak256 of the canonical JSON of everything above: what an agent attests to on submission
 */
public record SimulationReport(
        long forkBlock,
        long chainId,
        List<ActionOutcome> actions,
        ReplayOutcome baseline,
        ReplayOutcome withProposal,
        Map<String, BigDecimal> metricsBefore,
        Map<String, BigDecimal> metricsAfter,
        List<StateChange> stateChanges,
        Safety safety,
        String reportHash) {

    /** A report without safety checks. */
    public SimulationReport(
            long forkBlock,
            long chainId,
            List<ActionOutcome> actions,
            ReplayOutcome baseline,
            ReplayOutcome withProposal,
            Map<String, BigDecimal> metricsBefore,
            Map<String, BigDecimal> metricsAfter,
            List<StateChange> stateChanges,
            String reportHash) {
        this(
                forkBlock,
                chainId,
                actions,
                baseline,
                withProposal,
                metricsBefore,
                metricsAfter,
                stateChanges,
                null,
                reportHash);
    }

    /** True when a safety check failed. */
    public boolean safetyFailed() {
        return safety != null && safety.risk().equals("high");
    }

    /** True when the safety checks did not judge the proposal: risk {@code unknown} or a check that errored. */
    public boolean safetyUnjudged() {
        return safety != null
                && (safety.risk().equals("unknown")
                        || safety.checks().stream().anyMatch(c -> c.status().equals("error")));
    }

    /** True when every proposal action executed without reverting. */
    public boolean allActionsSucceeded() {
        return actions.stream().allMatch(ActionOutcome::success);
    }

    /** The result of executing one action on the fork. */
    public record ActionOutcome(
            String target, String selector, boolean success, String revertReason, long gasUsed, String txHash) {}

    /**
     * The result of replaying traffic.
     *
     * @param transactions transactions replayed
     * @param reverted how many reverted
     * @param revertReasons decoded revert reason (custom error name or message) to count
     */
    public record ReplayOutcome(int transactions, int reverted, Map<String, Integer> revertReasons) {}

    /**
     * The safety checks' verdicts (the same engine and checks as {@code chaoschain simulate}).
     *
     * @param risk {@code low}, {@code medium}, {@code high} (a check failed) or {@code unknown} (a check could not run
     *     and none failed)
     * @param reportHash keccak256 of the full safety report's canonical JSON (evidence included)
     * @param checks each check's verdict
     */
    public record Safety(String risk, String reportHash, List<Check> checks) {
        public Safety {
            checks = List.copyOf(checks);
        }
    }

    /**
     * One check's verdict: its id, {@code pass}/{@code warn}/{@code fail}/{@code error} (could not run; the summary
     * says why) and a one-line summary.
     */
    public record Check(String id, String status, String summary) {}

    /** A storage slot changed by the proposal's execution. */
    public record StateChange(String contract, String slot, String before, String after) {}
}
