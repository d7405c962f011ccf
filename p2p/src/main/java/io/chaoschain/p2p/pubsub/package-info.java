/**
 * Gossipsub v1.1 on a {@link io.chaoschain.p2p.Host}: {@link io.chaoschain.p2p.pubsub.Gossipsub} speaks
 * {@code /meshsub} to peers and drives the I/O-free {@link io.chaoschain.p2p.pubsub.GossipRouter}; subscribers get
 * messages through {@link io.chaoschain.p2p.pubsub.MessageHandler}s after their topic's {@link
 * io.chaoschain.p2p.pubsub.Validator} accepted them. Router and peer-score parameters are records with the spec's
 * defaults.
 */
package io.chaoschain.p2p.pubsub;
