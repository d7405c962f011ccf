package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;

/**
 * An agent's identity, as configured or read from the agent registry.
 *
 * @param agentId the agent's id (its registry id, or a local name when unregistered)
 * @param chain the chain it is registered on
 * @param name display name
 * @param operator the account that signs its transactions (lower-case address)
 * @param registry the agent registry contract, or null when unregistered
 */
public record AgentRegistration(String agentId, String chain, String name, String operator, String registry) {
    public AgentRegistration {
        Fields.requireText(agentId, "agent.id", 128);
        Fields.requireText(chain, "agent.chain", 64);
        Fields.requireText(name, "agent.name", 128);
        operator = Hex.address(operator, "agent.operator");
        registry = registry == null ? null : Hex.address(registry, "agent.registry");
    }
}
