package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.yamux.YamuxSession;
import io.chaoschain.p2p.internal.yamux.YamuxStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Connection} over TCP + Noise + yamux. */
public final class MuxedConnection implements Connection {
    private final Socket socket;
    private final PeerId remotePeer;
    private final PublicKey remoteKey;
    private final Multiaddr remoteAddress;
    private final Multiaddr localAddress;
    private final boolean outbound;
    private YamuxSession session;

    MuxedConnection(
            Socket socket,
            PeerId remotePeer,
            PublicKey remoteKey,
            Multiaddr remoteAddress,
            Multiaddr localAddress,
            boolean outbound) {
        this.socket = socket;
        this.remotePeer = remotePeer;
        this.remoteKey = remoteKey;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.outbound = outbound;
    }

    void attach(YamuxSession session) {
        this.session = session;
    }

    YamuxSession session() {
        return session;
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    @Override
    public PublicKey remotePublicKey() {
        return remoteKey;
    }

    @Override
    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Multiaddr localAddress() {
        return localAddress;
    }

    @Override
    public boolean outbound() {
        return outbound;
    }

    @Override
    public boolean isOpen() {
        return !session.isClosed();
    }

    @Override
    public P2pStream newStream(List<String> protocols) throws IOException {
        YamuxStream ys = session.openStream();
        StreamImpl s = new StreamImpl(ys, this, null);
        try {
            String agreed = Multistream.select(s.in(), s.out(), protocols);
            s.setProtocol(agreed);
            return s;
        } catch (IOException | RuntimeException e) {
            s.reset();
            throw e;
        }
    }

    @Override
    public Duration muxerPing() throws IOException {
        try {
            return session.ping().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("yamux ping failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int streamCount() {
        return session.streamCount();
    }

    @Override
    public void close() {
        session.goAwayAndClose();
    }

    @Override
    public String toString() {
        return (outbound ? "out:" : "in:") + remotePeer + "@" + remoteAddress;
    }
}
