/**
 * The simulation module's implementation detail shared by the governance-attack checks: ABI words, eth_call, event
 * history, who the DAO controls, token moves and findings. Only the simulation module may use it.
 */
package io.chaoschain.simulation.checks.governance.internal;
