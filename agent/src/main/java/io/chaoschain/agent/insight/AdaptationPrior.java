package io.chaoschain.agent.insight;

import java.math.BigDecimal;

/**
 * What the local agent takes from a relevant insight: where to start its search. The agent still simulates every
 * candidate on its own fork and applies its own policy; it never reuses the insight's calldata.
 *
 * @param ratio the factor the source chain applied to {@code parameter} (new / old)
 */
public record AdaptationPrior(SharedInsight insight, RelevanceDecision decision, String parameter, BigDecimal ratio) {}
