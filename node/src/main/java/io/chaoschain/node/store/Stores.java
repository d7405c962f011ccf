package io.chaoschain.node.store;

/** Every store of one {@link Database}; obtain it with {@link Database#stores()}. */
public record Stores(
    ChainStore chains,
    MetricStore metrics,
    ProposalStore proposals,
    SimulationStore simulations,
    VoteStore votes,
    AgentStore agents,
    CheckpointStore checkpoints,
    ReputationRepository reputation) {}
