package io.chaoschain.p2p;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A negotiated libp2p stream (one yamux stream after multistream-select). Writes are buffered: call
 * {@code out().flush()} to send. {@link #closeWrite()} half-closes (FIN), {@link #close()} closes both directions,
 * {@link #reset()} aborts (RST).
 */
public interface P2pStream extends Closeable {

    /** The protocol agreed for this stream, e.g. {@code /ipfs/ping/1.0.0}. */
    String protocol();

    Connection connection();

    default PeerId remotePeer() {
        return connection().remotePeer();
    }

    InputStream in();

    OutputStream out();

    /** Flushes buffered output and sends FIN; the peer's side stays readable. */
    void closeWrite();

    /** Aborts both directions. */
    void reset();

    /** Flushes, half-closes, and discards any further inbound data. */
    @Override
    void close();
}
