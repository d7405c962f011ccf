/**
 * The proposal-simulation contract: {@link io.chaoschain.core.simulation.ProposalSimulator} executes a {@link
 * io.chaoschain.core.simulation.SimulationRequest} on a fork and returns the facts as a {@link
 * io.chaoschain.core.simulation.SimulationReport}. Agents depend on this interface; the simulation module implements
 * it.
 */
package io.chaoschain.core.simulation;
