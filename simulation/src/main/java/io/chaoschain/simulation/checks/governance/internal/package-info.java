/** Helpers the governance-attack checks share: ABI words, eth_call, event history, who the DAO controls. */
package io.chaoschain.simulation.checks.governance.internal;
