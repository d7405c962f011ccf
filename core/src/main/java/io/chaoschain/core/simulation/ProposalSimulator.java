package io.chaoschain.core.simulation;

/**
 * Executes a proposal on a fork of its chain and reports what happened. Implementations never touch the chain they
 * fork; each call works on a fresh fork.
 */
public interface ProposalSimulator {

    /**
     * Simulates every request on one fork, each from the same starting state; used for parameter sweeps where the
     * same traffic is replayed against several candidate proposals.
     *
     * @throws SimulationException when the fork cannot be created or the chain cannot be read
     */
    java.util.List<SimulationReport> simulateAll(java.util.List<SimulationRequest> requests);

    default SimulationReport simulate(SimulationRequest request) {
        return simulateAll(java.util.List.of(request)).getFirst();
    }
}
