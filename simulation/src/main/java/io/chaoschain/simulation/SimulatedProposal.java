package io.chaoschain.simulation;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.List;

/**
 * One proposal's simulation: the evidence and the checks' verdicts.
 *
 * @param evidence what executing it established
 * @param checks each enabled check's result, in registry order
 * @param execution how the proposal was executed on the fork
 * @param executionNote why it was executed directly although it names a governor, or null
 */
public record SimulatedProposal(
        SimulationEvidence evidence, List<CheckResult> checks, Execution execution, String executionNote) {
    public SimulatedProposal {
        checks = List.copyOf(checks);
        execution = execution == null ? Execution.DIRECT : execution;
    }

    /** An outcome of direct execution, without a note. */
    public SimulatedProposal(SimulationEvidence evidence, List<CheckResult> checks) {
        this(evidence, checks, Execution.DIRECT, null);
    }

    /** How a proposal's actions were executed on the fork. */
    public enum Execution {
        /** Through its governor: propose (drafts), vote, queue, execute, as on chain. */
        GOVERNOR,
        /** Each action sent directly from the impersonated executor. */
        DIRECT;

        /** The report's name: {@code governor} or {@code direct}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The worst status among the checks (PASS when there are none). */
    public CheckResult.Status worst() {
        return checks.stream().map(CheckResult::status).max(Enum::compareTo).orElse(CheckResult.Status.PASS);
    }

    /** {@code high} when a check fails, else {@code unknown} when one errored, {@code medium} when one warns, else {@code low}. */
    public String risk() {
        return SafetyReport.riskOf(worst());
    }
}
