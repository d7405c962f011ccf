package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.internal.yamux.YamuxStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A {@link P2pStream} over a yamux stream, with buffered output. */
final class StreamImpl implements P2pStream {
    private final YamuxStream stream;
    private final Connection connection;
    private final OutputStream out;
    private volatile String protocol;

    StreamImpl(YamuxStream stream, Connection connection, String protocol) {
        this.stream = stream;
        this.connection = connection;
        this.protocol = protocol;
        this.out = new BufferedOutputStream(stream.output(), 16 * 1024);
    }

    void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public InputStream in() {
        return stream.input();
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void closeWrite() {
        try {
            synchronized (out) {
                out.flush();
            }
        } catch (IOException ignored) {
            // the FIN below still tells the peer we are done
        }
        stream.closeWrite();
    }

    @Override
    public void reset() {
        stream.reset();
    }

    @Override
    public void close() {
        closeWrite();
        stream.close();
    }

    @Override
    public String toString() {
        return protocol + "#" + stream.id() + "@" + connection.remotePeer();
    }
}
