/**
 * The node's p2p wiring: {@link io.chaoschain.node.p2p.P2pNetwork} runs the libp2p host, gossipsub and the ChaosChain
 * protocols as one service, and {@link io.chaoschain.node.p2p.InsightExchange} publishes improved outcomes as signed
 * insights, stores those received and advises local agents from them.
 */
package io.chaoschain.node.p2p;
