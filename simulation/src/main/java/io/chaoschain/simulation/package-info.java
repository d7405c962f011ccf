/**
 * Proposal simulation on Anvil forks. {@link io.chaoschain.simulation.AnvilForkSimulator} implements
 * {@link io.chaoschain.core.simulation.ProposalSimulator} for agents, with a replay of recent traffic; {@link
 * io.chaoschain.simulation.ProposalSimulationEngine} runs a {@link io.chaoschain.simulation.SimulationPlan} of on-chain
 * or drafted proposals ({@link io.chaoschain.simulation.DraftFile}) through the safety checks and returns a
 * {@link io.chaoschain.simulation.SafetyReport}, as {@code chaoschain simulate} does.
 */
package io.chaoschain.simulation;
