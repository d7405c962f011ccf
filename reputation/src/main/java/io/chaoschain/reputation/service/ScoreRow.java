package io.chaoschain.reputation.service;

import io.chaoschain.reputation.scoring.Domain;
import java.math.BigDecimal;
import java.util.Objects;

/** One computed score: an agent in a domain. */
public record ScoreRow(String agentId, Domain domain, BigDecimal score) {
    public ScoreRow {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(score, "score");
    }
}
