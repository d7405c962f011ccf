package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.p2p.PeerId;

/** Where the router sends RPCs; the networked layer queues them on the peer's outbound stream. */
@FunctionalInterface
public interface RpcSink {
    void send(PeerId peer, Rpc rpc);
}
