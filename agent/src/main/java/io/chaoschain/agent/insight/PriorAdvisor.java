package io.chaoschain.agent.insight;

import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.Opportunity;
import java.util.Optional;

/**
 * Consulted by the agent once it has detected a problem and before it searches for a fix: "has another chain solved
 * this?". The node answers from insights received over the network (and by asking peers).
 */
@FunctionalInterface
public interface PriorAdvisor {
    PriorAdvisor NONE = (target, opportunity) -> Optional.empty();

    Optional<AdaptationPrior> consult(MarketTarget target, Opportunity opportunity);
}
