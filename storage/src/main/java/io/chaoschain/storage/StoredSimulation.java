package io.chaoschain.storage;

import io.chaoschain.core.simulation.SimulationReport;
import java.time.Instant;

/**
 * One fork simulation of one candidate version of a proposal.
 *
 * @param id the node-local id
 * @param proposalId the local proposal it belongs to
 * @param candidate which candidate was simulated (agents iterate on parameters, e.g. {@code jump=2.5x})
 * @param report the simulator's report
 * @param reportHash the report's hash as the simulator computed it
 * @param passed whether the agent's policy accepted the result
 * @param createdAt when recorded
 */
public record StoredSimulation(
        long id,
        long proposalId,
        String candidate,
        SimulationReport report,
        String reportHash,
        boolean passed,
        Instant createdAt) {}
