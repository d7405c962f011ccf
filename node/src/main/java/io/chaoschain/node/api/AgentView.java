package io.chaoschain.node.api;

import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.AgentRecord;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An agent as {@code /api/agents} and {@code chaoschain agents list} show it: its track record (what its proposals
 * did, counted by the lifecycle) and its one score, the reputation engine's total over every domain, the same number
 * {@code /api/reputation/agents/{id}} shows. The track record feeds that score through the node's signed attestations.
 *
 * @param score the agent's reputation, trailing zeros stripped
 */
public record AgentView(
        String agentId,
        String chain,
        String name,
        String operator,
        String registry,
        int proposalsSubmitted,
        int proposalsExecuted,
        int proposalsImproved,
        BigDecimal score,
        boolean paused,
        Instant updatedAt) {

    /** {@code agent} with its score read from {@code reputation}. */
    public static AgentView of(AgentRecord agent, ReputationService reputation) {
        BigDecimal score = reputation.profile(agent.agentId()).total().stripTrailingZeros();
        return new AgentView(
                agent.agentId(),
                agent.chain(),
                agent.name(),
                agent.operator(),
                agent.registry(),
                agent.proposalsSubmitted(),
                agent.proposalsExecuted(),
                agent.proposalsImproved(),
                score,
                agent.paused(),
                agent.updatedAt());
    }
}
