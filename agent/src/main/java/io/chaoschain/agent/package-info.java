/**
 * Governance agents: they read a protocol's metrics, detect an improvement opportunity, draft a proposal whose
 * calldata implements exactly the stated change, refine it against fork simulation, and hand a finalized proposal to
 * the node only when it passes simulation and the agent's policy. Agents depend on {@code core} only; the node wires
 * them to chains and to a {@link io.chaoschain.core.simulation.ProposalSimulator}.
 */
package io.chaoschain.agent;
