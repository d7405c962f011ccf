/**
 * The node's HTTP API: {@link io.chaoschain.node.api.ApiServer} serves read-only JSON views of proposals,
 * simulations, agents, metrics and reputation, Prometheus metrics ({@link io.chaoschain.node.api.NodeMetrics}) and a
 * few operator calls guarded by the {@link io.chaoschain.node.api.ApiToken}; {@link io.chaoschain.node.api.ChainHeads}
 * and {@link io.chaoschain.node.api.P2pView} let it show chain and p2p state without depending on that code.
 */
package io.chaoschain.node.api;
