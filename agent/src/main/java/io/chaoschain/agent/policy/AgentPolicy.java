package io.chaoschain.agent.policy;

import io.chaoschain.core.Hex;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an agent may ever put on chain. Checked before any proposal is submitted and before any transaction the agent
 * sends.
 *
 * @param allowedCalls target address to the 4-byte selectors the agent may call on it
 * @param maxActions most actions one proposal may carry
 * @param requirePassingSimulation when true (the default, and the only safe setting) nothing is submitted without a
 *     simulation report the agent judged passing
 */
public record AgentPolicy(Map<String, Set<String>> allowedCalls, int maxActions, boolean requirePassingSimulation) {
    public AgentPolicy {
        allowedCalls = allowedCalls.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        e -> Hex.address(e.getKey(), "policy.allowedCalls target"),
                        e -> e.getValue().stream()
                                .map(s -> s.toLowerCase(Locale.ROOT))
                                .collect(Collectors.toUnmodifiableSet())));
        if (maxActions < 1) {
            throw new IllegalArgumentException("policy.maxActions must be at least 1");
        }
    }

    public boolean allows(String target, String selector) {
        Set<String> selectors = allowedCalls.get(target.toLowerCase(Locale.ROOT));
        return selectors != null && selectors.contains(selector.toLowerCase(Locale.ROOT));
    }
}
