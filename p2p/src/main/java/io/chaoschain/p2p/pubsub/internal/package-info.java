/**
 * The p2p module's implementation detail behind the gossipsub router: the RPC protobuf, message and seen caches,
 * peer scoring and IHAVE/IWANT accounting. Only the p2p module may use it.
 */
package io.chaoschain.p2p.pubsub.internal;
