package io.chaoschain.p2p.pubsub;

import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.internal.LengthPrefixed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound RPC stream to one peer: a bounded queue drained by one virtual thread. When the stream fails the owner
 * is told through {@code onLost}, so that it can carry on over another connection.
 */
final class OutboundRpcStream {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundRpcStream.class);
    private static final byte[] CLOSE = new byte[0];
    private final PeerId peer;
    final Connection connection;
    final BlockingQueue<byte[]> queue;
    private final List<String> protocols;
    private final BiConsumer<PeerId, OutboundRpcStream> onLost;
    private volatile P2pStream stream;
    private volatile boolean closed;
    final CountDownLatch done = new CountDownLatch(1);

    OutboundRpcStream(
            PeerId peer,
            Connection connection,
            int capacity,
            List<String> protocols,
            BiConsumer<PeerId, OutboundRpcStream> onLost) {
        this.peer = peer;
        this.protocols = protocols;
        this.onLost = onLost;
        this.connection = connection;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void run() {
        try {
            stream = connection.newStream(protocols);
            if (closed) {
                stream.close();
                return;
            }
            List<byte[]> batch = new ArrayList<>();
            while (!closed) {
                byte[] first = queue.take();
                if (first == CLOSE) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, 256);
                for (byte[] b : batch) {
                    if (b == CLOSE) {
                        closed = true;
                        break;
                    }
                    LengthPrefixed.write(stream.out(), b);
                }
                batch.clear();
                stream.out().flush();
            }
            stream.close();
        } catch (IOException e) {
            LOG.debug("gossipsub stream to {} failed", peer, e);
            onLost.accept(peer, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    /** Whether this stream can still carry RPCs: its connection is open and it was not closed. */
    boolean isUsable() {
        return connection.isOpen() && !closed;
    }

    /** Stops after writing what is already queued. */
    void finish() {
        if (!queue.offer(CLOSE)) {
            close();
        }
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSE);
    }
}
