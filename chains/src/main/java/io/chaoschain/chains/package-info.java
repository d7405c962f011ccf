/**
 * Access to EVM chains: {@link io.chaoschain.chains.ChainClient} and its HTTP implementation
 * {@link io.chaoschain.chains.EvmChainClient} with chain-id checks, RPC failover and retries, plus the value types
 * they return. Keys live in {@code keys}, sending in {@code tx}, event monitoring in {@code events}, lending market
 * metrics in {@code market}.
 */
package io.chaoschain.chains;
