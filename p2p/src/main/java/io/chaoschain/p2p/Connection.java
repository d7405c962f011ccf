package io.chaoschain.p2p;

import io.chaoschain.p2p.crypto.PublicKey;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** An authenticated (Noise), multiplexed (yamux) connection to one peer. */
public interface Connection {

    PeerId remotePeer();

    PublicKey remotePublicKey();

    Multiaddr remoteAddress();

    Multiaddr localAddress();

    /** Whether this side dialed. */
    boolean outbound();

    boolean isOpen();

    /** Opens a stream and negotiates the first of {@code protocols} the peer supports. */
    P2pStream newStream(List<String> protocols) throws IOException;

    default P2pStream newStream(String protocol) throws IOException {
        return newStream(List.of(protocol));
    }

    /** A yamux-level ping round trip (the connection keep-alive, not the libp2p ping protocol). */
    Duration muxerPing() throws IOException;

    /** Number of streams open on this connection. */
    int streamCount();

    void close();
}
