package io.chaoschain.p2p.pubsub;

/**
 * Receives validated messages of a subscribed topic. Through {@link Gossipsub#subscribe} it runs on the service's own
 * delivery thread (bounded queue, off the router thread), so it may block briefly, e.g. to store the message; called
 * on a bare {@link GossipRouter} it runs on the caller's thread.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(PubsubMessage message);
}
