package io.chaoschain.simulation;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.List;

/**
 * One proposal's simulation: the evidence and the checks' verdicts.
 *
 * @param evidence what executing it established
 * @param checks each enabled check's result, in registry order
 */
public record ProposalOutcome(SimulationEvidence evidence, List<CheckResult> checks) {
  public ProposalOutcome {
    checks = List.copyOf(checks);
  }

  /** The worst status among the checks (PASS when there are none). */
  public CheckResult.Status worst() {
    return checks.stream().map(CheckResult::status).max(Enum::compareTo).orElse(CheckResult.Status.PASS);
  }

  /** {@code high} when a check fails, {@code medium} when one warns, else {@code low}. */
  public String risk() {
    return SafetyReport.riskOf(worst());
  }
}
