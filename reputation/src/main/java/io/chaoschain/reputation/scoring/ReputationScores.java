package io.chaoschain.reputation.scoring;

import io.chaoschain.reputation.scoring.internal.DomainTrust;
import io.chaoschain.reputation.scoring.internal.Formulas;
import io.chaoschain.reputation.scoring.internal.ScoreIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Scores computed by {@link ReputationEngine#score}, with explanations rebuilt on demand from the log (so scoring a
 * million events does not allocate a million term objects). Scores are {@link BigDecimal}s with {@link #SCALE}
 * decimals; an agent or domain never seen scores zero.
 */
public final class ReputationScores {
    /** Decimal places of every score and term value. */
    public static final int SCALE = Formulas.SCALE;

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private final ScoringConfig config;
    private final ReputationLog log;
    private final Instant asOf;
    private final ScoreIndex ix;
    private final DomainTrust.Canon canon;
    private final DomainTrust[] trust;

    ReputationScores(
            ScoringConfig config,
            ReputationLog log,
            Instant asOf,
            ScoreIndex ix,
            DomainTrust.Canon canon,
            DomainTrust[] trust) {
        this.config = config;
        this.log = log;
        this.asOf = asOf;
        this.ix = ix;
        this.canon = canon;
        this.trust = trust;
    }

    public Instant asOf() {
        return asOf;
    }

    /** Agents with a score in at least one domain, sorted by id. */
    public SortedSet<String> agents() {
        SortedSet<String> out = new TreeSet<>();
        for (int c = 0; c < ix.cellCount(); c++) {
            out.add(ix.agentName(ix.cellAgent(c)));
        }
        return out;
    }

    public SortedSet<Domain> domains() {
        return new TreeSet<>(ix.domainList());
    }

    public BigDecimal score(String agentId, Domain domain) {
        int cell = ix.findCell(ix.findAgent(agentId), ix.findDomain(domain));
        return cell < 0 ? ZERO : BigDecimal.valueOf(ix.cellUnits(cell), SCALE);
    }

    /** Sum of the agent's scores over all domains. */
    public BigDecimal score(String agentId) {
        int agent = ix.findAgent(agentId);
        long units = 0;
        for (int d = 0; agent >= 0 && d < ix.domainList().size(); d++) {
            int cell = ix.findCell(agent, d);
            if (cell >= 0) {
                units = Math.addExact(units, ix.cellUnits(cell));
            }
        }
        return BigDecimal.valueOf(units, SCALE);
    }

    /** Agents scored in {@code domain}, best first (ties by agent id). */
    public List<RankedAgent> ranking(Domain domain) {
        int d = ix.findDomain(domain);
        List<RankedAgent> out = new ArrayList<>();
        for (int c = 0; d >= 0 && c < ix.cellCount(); c++) {
            if (ix.cellDomain(c) == d) {
                out.add(new RankedAgent(ix.agentName(ix.cellAgent(c)), BigDecimal.valueOf(ix.cellUnits(c), SCALE)));
            }
        }
        out.sort(Comparator.comparing(RankedAgent::score).reversed().thenComparing(RankedAgent::agentId));
        return out;
    }

    /** A reviewer's trust in {@code domain} in score points (zero if it never reviewed there). */
    public BigDecimal reviewerTrust(String reviewer, Domain domain) {
        int d = ix.findDomain(domain);
        int node = ix.findReviewerNode(reviewer.toLowerCase(java.util.Locale.ROOT));
        if (d < 0 || node == Integer.MIN_VALUE) {
            return ZERO;
        }
        return BigDecimal.valueOf(Formulas.quantize(trust[d].trustOf(canon.key(node))), SCALE);
    }

    /** Every term of the agent's score in {@code domain}; the terms sum exactly to {@link #score(String, Domain)}. */
    public ScoreExplanation explain(String agentId, Domain domain) {
        List<ScoreTerm> terms = new ArrayList<>();
        addTerms(agentId, domain, terms);
        return new ScoreExplanation(agentId, List.of(domain), score(agentId, domain), terms);
    }

    /** Every term of the agent's total score, across its domains (sorted). */
    public ScoreExplanation explain(String agentId) {
        List<ScoreTerm> terms = new ArrayList<>();
        List<Domain> domains = new ArrayList<>();
        int agent = ix.findAgent(agentId);
        for (Domain domain : domains()) {
            if (ix.findCell(agent, ix.findDomain(domain)) >= 0) {
                domains.add(domain);
                addTerms(agentId, domain, terms);
            }
        }
        return new ScoreExplanation(agentId, domains, score(agentId), terms);
    }

    private void addTerms(String agentId, Domain domain, List<ScoreTerm> terms) {
        long now = asOf.getEpochSecond();
        long halfLife = config.halfLife().getSeconds();
        int agent = ix.findAgent(agentId);
        int cell = ix.findCell(agent, ix.findDomain(domain));
        if (cell < 0) {
            return;
        }
        for (ContributionEvent e : log.contributions()) {
            long t = e.at().getEpochSecond();
            if (t <= now && e.agentId().equals(agentId) && e.domain().equals(domain)) {
                double w = config.kindWeight(e.kind());
                double dec = Formulas.decay(now - t, halfLife);
                terms.add(
                        new ScoreTerm.Contribution(e, BigDecimal.valueOf(w), BigDecimal.valueOf(dec), units(w * dec)));
            }
        }
        for (FeedbackEvent f : log.feedback()) {
            long t = f.at().getEpochSecond();
            if (f.revoked()
                    || t > now
                    || !f.agentId().equals(agentId)
                    || !f.domain().equals(domain)) {
                continue;
            }
            int pair = ix.findPair(cell, ix.findReviewerNode(f.reviewer()));
            if (pair < 0) {
                continue; // a self-review: ignored by scoring as well
            }
            double s =
                    Formulas.sentiment(f.value(), f.decimals(), config.feedbackNeutral(), config.feedbackHalfRange());
            double dec = Formulas.decay(now - t, halfLife);
            double trustPoints = ix.pairTrust(pair);
            double tf = Formulas.trustFactor(trustPoints, config.trustHalfSaturation());
            int n = ix.pairReviews(pair);
            double w = Formulas.feedbackWeight(config.feedbackWeight(), s, tf, n);
            terms.add(new ScoreTerm.Feedback(
                    f,
                    BigDecimal.valueOf(s),
                    BigDecimal.valueOf(trustPoints),
                    BigDecimal.valueOf(tf),
                    n,
                    BigDecimal.valueOf(w),
                    BigDecimal.valueOf(dec),
                    units(w * dec)));
        }
    }

    private static BigDecimal units(double points) {
        return BigDecimal.valueOf(Formulas.quantize(points), SCALE);
    }
}
