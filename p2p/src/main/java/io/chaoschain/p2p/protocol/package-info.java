/**
 * ChaosChain's own protocols over libp2p: {@link io.chaoschain.p2p.protocol.ChaosChainNetwork} publishes and
 * validates signed insights, proposal announcements and acks ({@link io.chaoschain.p2p.protocol.ChaosMessage} in a
 * {@link io.chaoschain.p2p.protocol.SignedEnvelope}) on their gossipsub topics and serves the
 * {@code /chaoschain/similar/1.0.0} request/response ({@link io.chaoschain.p2p.protocol.SimilarSolutions}).
 */
package io.chaoschain.p2p.protocol;
