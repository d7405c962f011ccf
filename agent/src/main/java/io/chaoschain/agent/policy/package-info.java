/**
 * What an agent may ever put on chain: an {@link io.chaoschain.agent.policy.AgentPolicy} (allowed targets and
 * selectors, limits) and the {@link io.chaoschain.agent.policy.PolicyGuard} that checks every finalized proposal and
 * transaction against it, refusing with {@link io.chaoschain.agent.policy.PolicyViolationException} before anything
 * is sent.
 */
package io.chaoschain.agent.policy;
