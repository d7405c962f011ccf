/**
 * Access to EVM chains: {@link io.chaoschain.chains.ChainClient} and its HTTP implementation
 * {@link io.chaoschain.chains.EvmChainClient} with chain-id checks, RPC failover and retries, plus the value types
 * they return and {@link io.chaoschain.chains.Redaction} for printing RPC URLs safely. Keys live in {@code keys},
 * sending in {@code tx}, event monitoring in {@code events}, lending market metrics in {@code market}, ERC-8004
 * identity messages in {@code identity}, local devnets in {@code anvil} and {@code deploy}, and the generated contract
 * wrappers in {@code contracts}.
 */
package io.chaoschain.chains;
