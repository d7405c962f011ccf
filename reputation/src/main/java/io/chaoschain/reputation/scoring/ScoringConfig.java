package io.chaoschain.reputation.scoring;

import io.chaoschain.core.UserFacingException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tunable parameters of {@link CredRankReputationEngine}. All quantities are in score points.
 *
 * @param halfLife              after one half-life a contribution or feedback counts half as much
 * @param kindWeights           points for each contribution kind at age zero (negative = penalty)
 * @param feedbackWeight        points one fully trusted, maximally positive review adds (per reviewer and agent)
 * @param feedbackNeutral       feedback quantity ({@code value / 10^decimals}) that counts as neither praise nor blame
 * @param feedbackHalfRange     distance from neutral at which feedback sentiment saturates at +1 / -1
 * @param freshReviewerSeed     trust mass a reviewer without track record in the domain starts with
 * @param maxFreshSeedShare     cap (0 < share <= 1) on the share of a domain's seed mass all fresh reviewers together get;
 *                              1 disables the cap. This bounds what a sybil cluster can inject however large it is
 * @param trustHalfSaturation   reviewer trust at which a review counts half; trust factor = t / (t + this)
 * @param damping               PageRank damping: share of trust that flows along review edges per step
 * @param maxIterations         bound on trust-propagation iterations
 * @param convergenceTolerance  iterations stop once the L1 change of the trust vector drops below this
 */
public record ScoringConfig(
        Duration halfLife,
        Map<ScoringKind, Double> kindWeights,
        double feedbackWeight,
        double feedbackNeutral,
        double feedbackHalfRange,
        double freshReviewerSeed,
        double maxFreshSeedShare,
        double trustHalfSaturation,
        double damping,
        int maxIterations,
        double convergenceTolerance) {

    public ScoringConfig {
        if (halfLife == null || halfLife.getSeconds() < 1) {
            throw new UserFacingException("reputation halfLife must be at least one second, got " + halfLife);
        }
        EnumMap<ScoringKind, Double> weights = new EnumMap<>(ScoringKind.class);
        for (ScoringKind kind : ScoringKind.values()) {
            Double w = kindWeights.get(kind);
            if (w == null || !Double.isFinite(w)) {
                throw new UserFacingException("reputation kindWeights needs a finite weight for " + kind);
            }
            weights.put(kind, w);
        }
        kindWeights = Map.copyOf(weights);
        requireFinite("feedbackWeight", feedbackWeight);
        requireFinite("feedbackNeutral", feedbackNeutral);
        requirePositive("feedbackHalfRange", feedbackHalfRange);
        requirePositive("freshReviewerSeed", freshReviewerSeed);
        if (!(maxFreshSeedShare > 0 && maxFreshSeedShare <= 1)) {
            throw new UserFacingException("reputation maxFreshSeedShare must be in (0, 1], got " + maxFreshSeedShare);
        }
        requirePositive("trustHalfSaturation", trustHalfSaturation);
        if (!(damping >= 0 && damping < 1)) {
            throw new UserFacingException("reputation damping must be in [0, 1), got " + damping);
        }
        if (maxIterations < 1) {
            throw new UserFacingException("reputation maxIterations must be at least 1, got " + maxIterations);
        }
        requirePositive("convergenceTolerance", convergenceTolerance);
    }

    /** Ninety-day half-life; executed-and-improved (6 + 10) > accepted (4) > submitted (2); wrong outcomes cost more. */
    public static ScoringConfig defaults() {
        EnumMap<ScoringKind, Double> w = new EnumMap<>(ScoringKind.class);
        w.put(ScoringKind.DRAFTED, 0.5);
        w.put(ScoringKind.SIMULATED, 1.0);
        w.put(ScoringKind.SUBMITTED, 2.0);
        w.put(ScoringKind.ACCEPTED, 4.0);
        w.put(ScoringKind.DEFEATED, -0.5);
        w.put(ScoringKind.EXECUTED, 6.0);
        w.put(ScoringKind.OUTCOME_IMPROVED, 10.0);
        w.put(ScoringKind.OUTCOME_WORSENED, -12.0);
        w.put(ScoringKind.INSIGHT_SHARED, 1.0);
        w.put(ScoringKind.INSIGHT_ADOPTED, 3.0);
        w.put(ScoringKind.VALIDATION_CONFIRMED, 2.0);
        w.put(ScoringKind.VALIDATION_CONTRADICTED, -4.0);
        return new ScoringConfig(Duration.ofDays(90), w, 4.0, 50.0, 50.0, 0.5, 0.2, 5.0, 0.85, 100, 1e-12);
    }

    public ScoringConfig withHalfLife(Duration newHalfLife) {
        return new ScoringConfig(
                newHalfLife,
                kindWeights,
                feedbackWeight,
                feedbackNeutral,
                feedbackHalfRange,
                freshReviewerSeed,
                maxFreshSeedShare,
                trustHalfSaturation,
                damping,
                maxIterations,
                convergenceTolerance);
    }

    public ScoringConfig withKindWeight(ScoringKind kind, double weight) {
        EnumMap<ScoringKind, Double> w = new EnumMap<>(kindWeights);
        w.put(kind, weight);
        return new ScoringConfig(
                halfLife,
                w,
                feedbackWeight,
                feedbackNeutral,
                feedbackHalfRange,
                freshReviewerSeed,
                maxFreshSeedShare,
                trustHalfSaturation,
                damping,
                maxIterations,
                convergenceTolerance);
    }

    public double kindWeight(ScoringKind kind) {
        return kindWeights.get(kind);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new UserFacingException("reputation " + name + " must be a finite number, got " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(Double.isFinite(v) && v > 0)) {
            throw new UserFacingException("reputation " + name + " must be a positive number, got " + v);
        }
    }
}
