package io.chaoschain.simulation.checks;

import io.chaoschain.simulation.evidence.SimulationEvidence;

/**
 * One safety check run over a simulated proposal. Implementations are stateless and thread-safe; a check may read
 * the fork and the source chain through the evidence, never write. Register a check by listing it in
 * {@code META-INF/services/io.chaoschain.simulation.checks.SafetyCheck} (it needs a public no-arg constructor).
 */
public interface SafetyCheck {

    /** A stable short id used in reports and the settings file, e.g. {@code state-changes} or {@code C4}. */
    String id();

    /** A one-line human title. */
    String title();

    /**
     * Judges the evidence. A check that does not apply (e.g. no token moved) passes with a summary saying so.
     *
     * @param evidence what the simulation established for one proposal
     * @param settings thresholds and allowlists; {@code settings.forCheck(id())} holds this check's own options
     */
    CheckResult evaluate(SimulationEvidence evidence, CheckSettings settings);
}
