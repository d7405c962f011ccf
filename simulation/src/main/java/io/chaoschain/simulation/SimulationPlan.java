package io.chaoschain.simulation;

import io.chaoschain.simulation.checks.CheckSettings;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ProposalSimulationEngine} runs: proposals executed in order on one fork of {@code rpcUrl}, each after
 * the ones before it (a batch of dependent proposals), each judged by the safety checks.
 *
 * @param rpcUrl the source chain to fork
 * @param forkBlock the block to fork at; -1 for the latest
 * @param proposals the proposals, in execution order
 * @param settings check thresholds and allowlists
 */
public record SimulationPlan(String rpcUrl, long forkBlock, List<ProposalSource> proposals, CheckSettings settings) {
    public SimulationPlan {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        proposals = List.copyOf(proposals);
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("nothing to simulate: no proposals");
        }
        settings = settings == null ? CheckSettings.defaults() : settings;
        if (forkBlock < -1) {
            throw new IllegalArgumentException("forkBlock must be -1 (latest) or a block number");
        }
    }
}
