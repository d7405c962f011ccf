package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.internal.noise.NoiseHandshake;
import io.chaoschain.p2p.internal.yamux.YamuxSession;
import io.chaoschain.p2p.internal.yamux.YamuxStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Upgrades a raw TCP socket to a libp2p connection (connections spec): multistream-select {@code /noise}, the Noise
 * XX handshake, multistream-select {@code /yamux/1.0.0} inside the secure channel, then a yamux session.
 */
public final class Upgrader {
    private static final List<String> MUXERS = List.of(YamuxSession.PROTOCOL_ID);

    private Upgrader() {}

    /**
     * @param threads owner of the connection's reader, writer and inbound-stream threads
     * @param onInbound called on a virtual thread for each stream the peer opens
     * @param onClosed called once when the connection dies
     */
    public static MuxedConnection upgrade(
            Socket socket,
            boolean outbound,
            PrivateKey identity,
            PeerId expectedPeer,
            int maxInboundStreams,
            int handshakeTimeoutMillis,
            OwnedThreads threads,
            BiConsumer<MuxedConnection, YamuxStream> onInbound,
            Consumer<MuxedConnection> onClosed)
            throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(handshakeTimeoutMillis);
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 70 * 1024);
        NoiseHandshake.Result secured;
        if (outbound) {
            Multistream.select(in, out, List.of(NoiseHandshake.PROTOCOL_ID));
            secured = NoiseHandshake.initiate(in, out, identity, expectedPeer, List.of());
        } else {
            if (Multistream.handle(in, out, NoiseHandshake.PROTOCOL_ID::equals, Set.of(NoiseHandshake.PROTOCOL_ID))
                    .isEmpty()) {
                throw new IOException("peer closed before choosing a security protocol");
            }
            secured = NoiseHandshake.respond(in, out, identity, List.of());
        }
        InputStream sin = secured.session().input();
        OutputStream sout = secured.session().output();
        if (outbound) {
            Multistream.select(sin, sout, MUXERS);
        } else if (Multistream.handle(sin, sout, YamuxSession.PROTOCOL_ID::equals, MUXERS)
                .isEmpty()) {
            throw new IOException("peer closed before choosing a stream muxer");
        }
        socket.setSoTimeout(0);
        MuxedConnection conn = new MuxedConnection(
                socket,
                secured.remotePeer(),
                secured.remoteKey(),
                Multiaddr.tcp((InetSocketAddress) socket.getRemoteSocketAddress()),
                Multiaddr.tcp((InetSocketAddress) socket.getLocalSocketAddress()),
                outbound);
        YamuxSession session = new YamuxSession(
                sin, sout, outbound, maxInboundStreams, threads, s -> onInbound.accept(conn, s), () -> {
                    conn.closeSocket();
                    onClosed.accept(conn);
                });
        conn.attach(session);
        return conn;
    }

    /** Starts the connection's reader and writer threads; call after registering it so no inbound stream is missed. */
    public static void start(MuxedConnection conn) {
        conn.session()
                .start(conn.remotePeer()
                        .toBase58()
                        .substring(Math.max(0, conn.remotePeer().toBase58().length() - 6)));
    }

    /** Wraps a yamux stream accepted from the peer. */
    public static io.chaoschain.p2p.P2pStream inboundStream(MuxedConnection conn, YamuxStream s) {
        return new StreamImpl(s, conn, null);
    }

    public static void setProtocol(io.chaoschain.p2p.P2pStream s, String protocol) {
        ((StreamImpl) s).setProtocol(protocol);
    }
}
