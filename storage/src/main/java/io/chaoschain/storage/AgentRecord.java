package io.chaoschain.storage;

import java.time.Instant;

/**
 * An agent with its track record. The counters are what the agent did; they are not a score: the node attests each
 * step as a signed contribution and the reputation engine scores those, so an agent's one score is its reputation
 * ({@code ReputationService.profile(agentId).total()}).
 *
 * @param agentId the agent's id
 * @param chain the chain it is registered on
 * @param name display name
 * @param operator the account that signs its transactions
 * @param registry the agent registry contract, or null
 * @param proposalsSubmitted proposals of this agent that reached the chain
 * @param proposalsExecuted proposals of this agent that were executed
 * @param proposalsImproved executed proposals whose measured outcome was an improvement
 * @param paused whether an operator paused its submissions
 * @param updatedAt when last changed
 */
public record AgentRecord(
        String agentId,
        String chain,
        String name,
        String operator,
        String registry,
        int proposalsSubmitted,
        int proposalsExecuted,
        int proposalsImproved,
        boolean paused,
        Instant updatedAt) {}
