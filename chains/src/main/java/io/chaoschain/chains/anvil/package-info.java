/**
 * Local Anvil nodes: {@link io.chaoschain.chains.anvil.AnvilProcess} starts a devnet or a fork of another chain as a
 * child process, and {@link io.chaoschain.chains.anvil.AnvilAccounts} names its funded test accounts. For devnets,
 * simulation forks and tests only; the accounts' keys are public.
 */
package io.chaoschain.chains.anvil;
