package io.chaoschain.reputation.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the engine scores: contribution and feedback events, plus which reviewer addresses belong to agents
 * (an agent's owner or operator address), so that an agent reviewing another carries its own reputation. Event order
 * does not matter for the result: the engine aggregates order-independently.
 */
public record ReputationLog(
        List<ContributionEvent> contributions, List<FeedbackEvent> feedback, Map<String, String> reviewerAgents) {

    public ReputationLog {
        contributions = List.copyOf(contributions);
        feedback = List.copyOf(feedback);
        Map<String, String> lower = new HashMap<>();
        reviewerAgents.forEach((address, agentId) -> {
            if (address == null || address.isBlank() || agentId == null || agentId.isBlank()) {
                throw new IllegalArgumentException("reviewerAgents entries need a non-blank address and agentId");
            }
            lower.put(address.toLowerCase(Locale.ROOT), agentId);
        });
        reviewerAgents = Map.copyOf(lower);
    }

    public static ReputationLog of(List<ContributionEvent> contributions, List<FeedbackEvent> feedback) {
        return new ReputationLog(contributions, feedback, Map.of());
    }
}
