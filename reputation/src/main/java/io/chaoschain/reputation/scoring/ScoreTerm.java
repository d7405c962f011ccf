package io.chaoschain.reputation.scoring;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One summand of a score. {@link #value()} is {@code weight x decay} rounded half-up to
 * {@link ReputationScores#SCALE} decimals; a score is exactly the sum of its terms' values.
 */
public sealed interface ScoreTerm {

    /** Points this term would carry at age zero. */
    BigDecimal weight();

    /** {@code 0.5^(age / halfLife)}, in (0, 1]. */
    BigDecimal decay();

    /** The decayed, rounded contribution of this term to the score. */
    BigDecimal value();

    Instant at();

    /** A contribution the agent made; {@code weight} is the configured weight of its kind. */
    record Contribution(ContributionEvent event, BigDecimal weight, BigDecimal decay, BigDecimal value)
            implements ScoreTerm {
        @Override
        public Instant at() {
            return event.at();
        }
    }

    /**
     * Feedback the agent received. {@code weight = feedbackWeight x sentiment x trustFactor / reviewsInPair}, where
     * {@code trustFactor = reviewerTrust / (reviewerTrust + trustHalfSaturation)} and {@code reviewsInPair} is how many
     * live reviews this reviewer gave this agent in this domain (so repeating a review does not add weight).
     */
    record Feedback(
            FeedbackEvent event,
            BigDecimal sentiment,
            BigDecimal reviewerTrust,
            BigDecimal trustFactor,
            int reviewsInPair,
            BigDecimal weight,
            BigDecimal decay,
            BigDecimal value)
            implements ScoreTerm {
        @Override
        public Instant at() {
            return event.at();
        }
    }
}
