package io.chaoschain.p2p;

import io.chaoschain.core.TimeProvider;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a {@link Host}.
 *
 * @param identity the node's key and peer ID
 * @param listenAddrs TCP addresses to listen on, e.g. {@code /ip4/127.0.0.1/tcp/0} (port 0 picks a free port)
 * @param agentVersion reported through identify
 * @param maxConnections connections above this are refused (inbound) or trimmed by the connection manager
 * @param maxInboundStreamsPerConnection yamux streams the peer may have open towards us at once
 * @param handshakeTimeout bound on TCP connect plus security and muxer negotiation
 * @param time clock for timestamps
 */
public record HostConfig(
        NodeIdentity identity,
        List<Multiaddr> listenAddrs,
        String agentVersion,
        int maxConnections,
        int maxInboundStreamsPerConnection,
        Duration handshakeTimeout,
        TimeProvider time) {

    public HostConfig {
        listenAddrs = List.copyOf(listenAddrs);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (maxInboundStreamsPerConnection < 1) {
            throw new IllegalArgumentException(
                    "maxInboundStreamsPerConnection must be at least 1, got " + maxInboundStreamsPerConnection);
        }
    }

    /** Defaults: one loopback listener on a free port, 200 connections, 256 inbound streams, 10 s handshakes. */
    public static HostConfig loopback(NodeIdentity identity) {
        return new HostConfig(
                identity,
                List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "chaoschain/0.1.0",
                200,
                256,
                Duration.ofSeconds(10),
                TimeProvider.system());
    }

    public HostConfig withListenAddrs(List<Multiaddr> addrs) {
        return new HostConfig(
                identity, addrs, agentVersion, maxConnections, maxInboundStreamsPerConnection, handshakeTimeout, time);
    }

    public HostConfig withMaxConnections(int max) {
        return new HostConfig(
                identity, listenAddrs, agentVersion, max, maxInboundStreamsPerConnection, handshakeTimeout, time);
    }

    public HostConfig withTime(TimeProvider clock) {
        return new HostConfig(
                identity,
                listenAddrs,
                agentVersion,
                maxConnections,
                maxInboundStreamsPerConnection,
                handshakeTimeout,
                clock);
    }
}
