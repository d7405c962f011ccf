package io.chaoschain.storage;

import io.chaoschain.chains.events.CheckpointStore;
import io.chaoschain.reputation.service.ReputationRepository;

/**
 * Every store of one {@link Database}; obtain it with {@link Database#stores()}. Save a monitor's checkpoint in the same
 * {@link Database#inTransaction(Runnable)} as the rows derived from its blocks, so that both or neither are kept.
 */
public record Stores(
        ChainStore chains,
        MetricStore metrics,
        ProposalStore proposals,
        SimulationStore simulations,
        VoteStore votes,
        AgentStore agents,
        CheckpointStore checkpoints,
        ReputationRepository reputation) {}
