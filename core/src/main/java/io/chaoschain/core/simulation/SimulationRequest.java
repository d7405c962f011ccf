package io.chaoschain.core.simulation;

import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import java.util.List;

/**
 * What to simulate: a proposal's actions executed by {@code executor} on a fork of the chain at {@code rpcUrl},
 * followed by a replay of the chain's recent traffic, with metrics read before and after.
 *
 * @param rpcUrl the chain to fork
 * @param executor the address that executes proposals (the timelock); impersonated on the fork
 * @param actions the proposal's calls
 * @param replayFromBlock first block whose transactions are replayed (inclusive); 0 with replayToBlock 0 for none
 * @param replayToBlock last block replayed (inclusive); the fork is taken at this block
 * @param replayTargets only transactions to these contracts are replayed; empty replays every transaction
 * @param probes metrics measured after replaying traffic without and with the proposal
 */
public record SimulationRequest(
        String rpcUrl,
        String executor,
        List<ProposalAction> actions,
        long replayFromBlock,
        long replayToBlock,
        List<String> replayTargets,
        List<MetricProbe> probes) {
    public SimulationRequest {
        executor = Hex.address(executor, "executor");
        actions = List.copyOf(actions);
        replayTargets =
                replayTargets.stream().map(t -> Hex.address(t, "replayTargets")).toList();
        probes = List.copyOf(probes);
        if (replayToBlock < replayFromBlock) {
            throw new IllegalArgumentException("replayToBlock must not be before replayFromBlock");
        }
    }
}
