package io.chaoschain.reputation.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent's reputation: its score in each domain with where the points come from, and the total.
 *
 * @param asOf the time the scores were computed for (they decay with time)
 */
public record AgentProfile(
        String agentId, BigDecimal total, List<DomainScore> domains, long attestations, Instant asOf) {

    /**
     * @param domain {@code chain/area}
     * @param rank 1-based position in the domain's leaderboard
     * @param contributions points and counts per scoring kind ({@code EXECUTED}, ...)
     * @param feedback points from reviews
     */
    public record DomainScore(
            String domain, BigDecimal score, int rank, Map<String, Part> contributions, FeedbackPart feedback) {}

    /** {@code count} events together worth {@code points} (decayed). */
    public record Part(int count, BigDecimal points) {}

    /** {@code count} live reviews by {@code reviewers} distinct reviewers, together worth {@code points}. */
    public record FeedbackPart(int count, int reviewers, BigDecimal points) {}
}
