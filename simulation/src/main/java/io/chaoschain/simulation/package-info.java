/**
 * Proposal simulation on forks: {@link io.chaoschain.simulation.AnvilForkSimulator} implements
 * {@link io.chaoschain.core.simulation.ProposalSimulator} with a local Anvil fork and a replay of recent traffic.
 */
package io.chaoschain.simulation;
