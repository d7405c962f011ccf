package io.chaoschain.reputation.service;

import io.chaoschain.reputation.scoring.Domain;
import java.math.BigDecimal;
import java.time.Instant;

/** A score as it was at {@code computedAt}, by the computation numbered {@code generation}. */
public record ScoreSnapshot(String agentId, Domain domain, BigDecimal score, long generation, Instant computedAt) {}
