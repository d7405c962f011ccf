/**
 * The chains module's implementation detail, not an API: the failover JSON-RPC transport, JSON-RPC result and error
 * helpers, and the bridge that lets web3j's generated wrappers send through {@link
 * io.chaoschain.chains.tx.TransactionSender}. Only the chains module may use it.
 */
package io.chaoschain.chains.internal;
