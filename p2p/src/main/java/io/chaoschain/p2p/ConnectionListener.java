package io.chaoschain.p2p;

/**
 * Notified as connections come and go. Callbacks run on threads owned by the {@link Host} (or on the thread that
 * dialled, for {@link #connected} of an outbound connection) and must not block for long.
 */
public interface ConnectionListener {

    /** A connection is up and identify has run (so {@link Peerstore#protocols} is populated when the peer answered). */
    default void connected(Connection connection) {}

    default void disconnected(Connection connection) {}

    /** The peer's protocol list changed (identify or identify push). */
    default void protocolsChanged(PeerId peer) {}
}
