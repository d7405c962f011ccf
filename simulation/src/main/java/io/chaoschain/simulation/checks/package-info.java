/**
 * The safety-check SPI: {@link io.chaoschain.simulation.checks.SafetyCheck}s judge a simulation's
 * {@link io.chaoschain.simulation.evidence.SimulationEvidence}; {@link io.chaoschain.simulation.checks.CheckRegistry}
 * finds them (built-ins plus {@link java.util.ServiceLoader} providers); {@link
 * io.chaoschain.simulation.checks.CheckSettings} carries per-check thresholds and allowlists.
 */
package io.chaoschain.simulation.checks;
