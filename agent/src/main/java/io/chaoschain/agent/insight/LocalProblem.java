package io.chaoschain.agent.insight;

import java.util.Set;

/**
 * What the local agent is facing, as the insight judge needs it.
 *
 * @param chainId the local chain
 * @param selectors function selectors the local agent may propose on its market (its contract interface)
 * @param parameters parameters the local agent tunes
 * @param symptom the kind of problem its analyst detected (e.g. {@code utilization-above-kink}), or null when none
 * @param description the analyst's own description of the problem (compared semantically with an insight's summary)
 */
public record LocalProblem(
        long chainId, Set<String> selectors, Set<String> parameters, String symptom, String description) {
    public LocalProblem {
        selectors = Set.copyOf(selectors);
        parameters = Set.copyOf(parameters);
    }
}
