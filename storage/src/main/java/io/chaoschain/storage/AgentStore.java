package io.chaoschain.storage;

import java.util.List;
import java.util.Optional;

/**
 * Agents and their track record. The proposal counters are maintained by {@link ProposalStore} as proposals move
 * through their lifecycle; this store sets identity and the paused flag.
 */
public interface AgentStore {

    /** Inserts the agent, or updates its identity fields; counters and paused flag are kept. */
    AgentRecord register(AgentRegistration registration);

    Optional<AgentRecord> find(String agentId);

    /** All agents by id. */
    List<AgentRecord> all();

    /**
     * Pauses or resumes the agent's submissions. Agents check {@link #isPaused(String)} before each submission.
     *
     * @return the updated agent, or empty when unknown
     */
    Optional<AgentRecord> setPaused(String agentId, boolean paused);

    /** True when the agent is known and paused. */
    boolean isPaused(String agentId);
}
