/**
 * The seatbelt-class safety checks every simulation runs ({@link io.chaoschain.simulation.checks.builtin.BuiltinChecks}
 * lists them in report order): execution, required value, calldata decoding, state, logs, ETH and token changes,
 * permissions, proxies, selfdestruct and delegatecall. {@link io.chaoschain.simulation.checks.CheckRegistry} puts them
 * first.
 */
package io.chaoschain.simulation.checks.builtin;
