package io.chaoschain.reputation.scoring;

import java.math.BigDecimal;

/** An agent and its score in a domain. */
public record RankedAgent(String agentId, BigDecimal score) {}
