package io.chaoschain.reputation.scoring;

import java.time.Instant;
import java.util.Objects;

/** One thing an agent did in a domain, at a point in time (block timestamp, second precision is used). */
public record ContributionEvent(String agentId, Domain domain, ScoringKind kind, Instant at) {

    public ContributionEvent {
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("contribution agentId must not be blank");
        }
        Objects.requireNonNull(domain, "contribution domain");
        Objects.requireNonNull(kind, "contribution kind");
        Objects.requireNonNull(at, "contribution timestamp");
    }
}
