package io.chaoschain.node.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An agent with its track record.
 *
 * @param agentId the agent's id
 * @param chain the chain it is registered on
 * @param name display name
 * @param operator the account that signs its transactions
 * @param registry the agent registry contract, or null
 * @param proposalsSubmitted proposals of this agent that reached the chain
 * @param proposalsExecuted proposals of this agent that were executed
 * @param proposalsImproved executed proposals whose measured outcome was an improvement
 * @param score reputation score
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
    BigDecimal score,
    boolean paused,
    Instant updatedAt) {}
