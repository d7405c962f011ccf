package io.chaoschain.reputation.scoring;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Feedback a reviewer gave an agent, shaped like ERC-8004 {@code giveFeedback}: a signed {@code int128 value} with
 * {@code valueDecimals} (0..18) decimals, so the reviewed quantity is {@code value / 10^decimals}. Revoked feedback
 * stays in the log (replay keeps history) but carries no weight. The reviewer address is lower-cased so that checksum
 * and plain spellings name the same reviewer.
 */
public record FeedbackEvent(
        String reviewer, String agentId, Domain domain, BigInteger value, int decimals, Instant at, boolean revoked) {

    static final BigInteger INT128_MIN = BigInteger.ONE.shiftLeft(127).negate();
    static final BigInteger INT128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    public FeedbackEvent {
        if (reviewer == null || reviewer.isBlank()) {
            throw new IllegalArgumentException("feedback reviewer must not be blank");
        }
        reviewer = reviewer.toLowerCase(Locale.ROOT);
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("feedback agentId must not be blank");
        }
        Objects.requireNonNull(domain, "feedback domain");
        Objects.requireNonNull(value, "feedback value");
        Objects.requireNonNull(at, "feedback timestamp");
        if (value.compareTo(INT128_MIN) < 0 || value.compareTo(INT128_MAX) > 0) {
            throw new IllegalArgumentException("feedback value " + value + " is outside the int128 range");
        }
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("feedback decimals must be within 0..18, got " + decimals);
        }
    }

    /** Feedback of {@code value} with no decimals, not revoked. */
    public static FeedbackEvent of(String reviewer, String agentId, Domain domain, long value, Instant at) {
        return new FeedbackEvent(reviewer, agentId, domain, BigInteger.valueOf(value), 0, at, false);
    }

    /** This feedback, revoked. */
    public FeedbackEvent revoke() {
        return new FeedbackEvent(reviewer, agentId, domain, value, decimals, at, true);
    }
}
