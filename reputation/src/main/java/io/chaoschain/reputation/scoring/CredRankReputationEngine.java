package io.chaoschain.reputation.scoring;

import io.chaoschain.reputation.scoring.internal.DomainTrust;
import io.chaoschain.reputation.scoring.internal.Formulas;
import io.chaoschain.reputation.scoring.internal.ScoreIndex;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reputation scoring with time decay, outcome-weighted contributions and CredRank-style reviewer weighting.
 *
 * <p>For agent {@code a} in domain {@code D}, as of time {@code T} (events after {@code T} are ignored):
 *
 * <pre>
 *   score(a, D) = sum over a's contributions e in D:  q( w(kind_e) * decay(e) )
 *               + sum over live feedback f on a in D: q( F * s_f * tf(trust_D(reviewer_f)) / n(reviewer_f, a, D) * decay(f) )
 *   decay(e)    = 0.5 ^ ((T - t_e) / halfLife)
 *   s_f         = clamp((value_f / 10^decimals_f - neutral) / halfRange, -1, 1)
 *   tf(t)       = t / (t + trustHalfSaturation)
 *   q(x)        = x rounded half-up to 9 decimals (fixed point), so sums are exact and order-free
 * </pre>
 *
 * <p>{@code trust_D} is personalized PageRank over the domain's review graph (edge reviewer to agent weighted by
 * average decayed positive sentiment; negative reviews move no trust). The personalization seed of a node is its own
 * contribution score in {@code D} (positive part): a reviewer that is an agent carries its track record. Reviewers
 * without one get {@code freshReviewerSeed} each, but all of them together at most {@code maxFreshSeedShare} of the
 * domain's seed mass, so a cluster of fresh sybils injects a bounded amount of trust however many addresses it uses, and
 * gains more only by being endorsed by trusted nodes. Self-reviews are ignored. Trust is iterated to convergence
 * (L1 change below tolerance) within {@code maxIterations}. Trust is per domain, so domains are independent.
 *
 * <p>Cost: one pass over contributions, two over feedback (hash lookups on interned ids, primitive arrays), plus
 * {@code O(iterations x edges)} for trust, where edges are distinct (reviewer, agent, domain) pairs.
 */
public final class CredRankReputationEngine implements ReputationEngine {
    private final ScoringConfig config;

    public CredRankReputationEngine(ScoringConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public CredRankReputationEngine() {
        this(ScoringConfig.defaults());
    }

    public ScoringConfig config() {
        return config;
    }

    @Override
    public ReputationScores score(ReputationLog log, Instant asOf) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(asOf, "asOf");
        long now = asOf.getEpochSecond();
        long halfLife = config.halfLife().getSeconds();
        List<FeedbackEvent> feedback = log.feedback();
        ScoreIndex ix = new ScoreIndex(log.reviewerAgents(), feedback.size());

        for (ContributionEvent e : log.contributions()) {
            long t = e.at().getEpochSecond();
            if (t > now) {
                continue;
            }
            int cell = ix.cell(ix.agent(e.agentId()), ix.domain(e.domain()));
            ix.addToCell(cell, Formulas.quantize(config.kindWeight(e.kind()) * Formulas.decay(now - t, halfLife)));
        }

        // pass 1 over feedback: pairs, review counts, endorsements (the trust graph's edges)
        int[] eventPair = new int[feedback.size()];
        double[] sentiment = new double[feedback.size()];
        double[] decay = new double[feedback.size()];
        for (int i = 0; i < eventPair.length; i++) {
            FeedbackEvent f = feedback.get(i);
            long t = f.at().getEpochSecond();
            eventPair[i] = -1;
            if (f.revoked() || t > now) {
                continue;
            }
            int agent = ix.agent(f.agentId());
            int reviewer = ix.reviewerNode(f.reviewer());
            if (reviewer == agent) {
                continue;
            }
            int pair = ix.pair(ix.cell(agent, ix.domain(f.domain())), reviewer);
            double s =
                    Formulas.sentiment(f.value(), f.decimals(), config.feedbackNeutral(), config.feedbackHalfRange());
            double dec = Formulas.decay(now - t, halfLife);
            ix.addReview(pair, Formulas.quantize(Math.max(0.0, s) * dec));
            eventPair[i] = pair;
            sentiment[i] = s;
            decay[i] = dec;
        }

        DomainTrust.Canon canon = new DomainTrust.Canon(ix);
        DomainTrust[] trust = DomainTrust.computeAll(ix, canon, config);

        // pass 2: trust-weighted feedback terms
        for (int i = 0; i < eventPair.length; i++) {
            int pair = eventPair[i];
            if (pair >= 0) {
                double tf = Formulas.trustFactor(ix.pairTrust(pair), config.trustHalfSaturation());
                double w = Formulas.feedbackWeight(config.feedbackWeight(), sentiment[i], tf, ix.pairReviews(pair));
                ix.addToCell(ix.pairCell(pair), Formulas.quantize(w * decay[i]));
            }
        }
        return new ReputationScores(config, log, asOf, ix, canon, trust);
    }
}
