package io.chaoschain.reputation.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * Why an agent has its score: every term, in log order (contributions first, then feedback). The values of
 * {@code terms} sum exactly to {@code score}.
 */
public record ScoreExplanation(String agentId, List<Domain> domains, BigDecimal score, List<ScoreTerm> terms) {

    public ScoreExplanation {
        domains = List.copyOf(domains);
        terms = List.copyOf(terms);
    }

    /** Sum of the terms' values; equals {@link #score()} by construction. */
    public BigDecimal sumOfTerms() {
        return terms.stream()
                .map(ScoreTerm::value)
                .reduce(BigDecimal.ZERO.setScale(ReputationScores.SCALE), BigDecimal::add);
    }
}
