package io.chaoschain.p2p.pubsub;

/** Receives validated messages of a subscribed topic; runs on the router thread, so it must not block. */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(PubsubMessage message);
}
