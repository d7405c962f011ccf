package io.chaoschain.agent.insight;

import java.util.List;

/**
 * The local agent's judgement of one insight.
 *
 * @param structuralScore share of the structural checks that matched (interface selector, parameter, symptom), 0..1
 * @param semanticScore cosine similarity of the local problem's description and the insight's summary, -1..1
 * @param score the two combined (their mean), used to rank relevant insights
 * @param relevant every structural check matched and the semantic score reached the threshold
 * @param reasons why, one line per check
 */
public record RelevanceDecision(
        String insightId,
        double structuralScore,
        double semanticScore,
        double score,
        double threshold,
        boolean relevant,
        List<String> reasons) {
    public RelevanceDecision {
        reasons = List.copyOf(reasons);
    }
}
