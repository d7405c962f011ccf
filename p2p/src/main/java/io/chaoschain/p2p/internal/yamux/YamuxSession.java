package io.chaoschain.p2p.internal.yamux;

import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.OwnedThreads;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A yamux 1.0 session (hashicorp yamux spec, as used by libp2p): multiplexes streams over one secure channel. One
 * virtual thread reads and dispatches frames and never blocks on the application; one virtual thread owns all writes,
 * batching queued frames into as few Noise frames as possible. Client stream IDs are odd, server IDs even.
 */
public final class YamuxSession {
    public static final String PROTOCOL_ID = "/yamux/1.0.0";
    static final int INITIAL_WINDOW = 256 * 1024;
    static final int MAX_DATA_FRAME = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);
    private static final Frame POISON = Frame.control(-1, 0, 0, 0);

    private final OwnedThreads threads;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean client;
    private final int maxInboundStreams;
    private final Consumer<YamuxStream> onInbound;
    private final Runnable onClosed;
    private final Map<Integer, YamuxStream> streams = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Frame> writeQueue = new LinkedBlockingQueue<>();
    private final AtomicInteger nextId;
    private final AtomicInteger inboundCount = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger nextPing = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Long>> pings = new ConcurrentHashMap<>();
    private volatile boolean remoteGoAway;
    private volatile boolean localGoAway;

    /** A session whose threads it owns alone (they end when the session closes). */
    public YamuxSession(
            InputStream in,
            OutputStream out,
            boolean client,
            int maxInboundStreams,
            Consumer<YamuxStream> onInbound,
            Runnable onClosed) {
        this(in, out, client, maxInboundStreams, new OwnedThreads("yamux"), onInbound, onClosed);
    }

    /**
     * @param threads owner of the reader, the writer and the one thread per inbound stream (running {@code onInbound});
     *     when it refuses new threads (its owner is stopping) an inbound stream is reset instead
     */
    public YamuxSession(
            InputStream in,
            OutputStream out,
            boolean client,
            int maxInboundStreams,
            OwnedThreads threads,
            Consumer<YamuxStream> onInbound,
            Runnable onClosed) {
        this.threads = threads;
        this.in = new DataInputStream(in);
        this.out = out;
        this.client = client;
        this.maxInboundStreams = maxInboundStreams;
        this.onInbound = onInbound;
        this.onClosed = onClosed;
        this.nextId = new AtomicInteger(client ? 1 : 2);
    }

    /**
     * Starts the reader and writer threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the thread owner is stopping; the session is then
     *     closed (and the close callback has run)
     */
    public void start(String name) {
        try {
            threads.start("yamux-read-" + name, this::readLoop);
            threads.start("yamux-write-" + name, this::writeLoop);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            close("owner stopping");
            throw e;
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Opens an outbound stream (SYN on a window update, as libp2p implementations do). */
    public YamuxStream openStream() throws IOException {
        if (closed.get()) {
            throw new IOException("yamux session closed");
        }
        if (remoteGoAway || localGoAway) {
            throw new IOException("yamux session is going away");
        }
        int id = nextId.getAndAdd(2);
        if (id < 0) {
            throw new IOException("yamux stream IDs exhausted");
        }
        YamuxStream s = new YamuxStream(this, id);
        streams.put(id, s);
        enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, Frame.SYN, id, 0));
        return s;
    }

    /** Round-trip time of a yamux ping. */
    public CompletableFuture<Duration> ping() {
        int opaque = nextPing.getAndIncrement();
        long start = System.nanoTime();
        CompletableFuture<Long> f = new CompletableFuture<>();
        pings.put(opaque, f);
        enqueue(Frame.control(Frame.TYPE_PING, Frame.SYN, 0, opaque));
        return f.thenApply(end -> Duration.ofNanos(end - start));
    }

    public int streamCount() {
        return streams.size();
    }

    /** Tells the peer no new streams will be accepted, then closes the session. */
    public void goAwayAndClose() {
        if (closed.get()) {
            return;
        }
        localGoAway = true;
        enqueue(Frame.control(Frame.TYPE_GO_AWAY, 0, 0, Frame.GO_AWAY_NORMAL));
        writeQueue.add(POISON);
    }

    void enqueue(Frame f) {
        if (!closed.get()) {
            writeQueue.add(f);
        }
    }

    void forget(YamuxStream s) {
        if (streams.remove(s.id(), s) && isInbound(s.id())) {
            inboundCount.decrementAndGet();
        }
    }

    private boolean isInbound(int id) {
        return (id % 2 == 1) != client;
    }

    private void writeLoop() {
        try {
            while (true) {
                Frame f = writeQueue.take();
                while (f != null) {
                    if (f == POISON) {
                        out.flush();
                        close("local go-away");
                        return;
                    }
                    out.write(f.header());
                    if (f.data() != null) {
                        out.write(f.data(), f.dataOffset(), f.length());
                    }
                    f = writeQueue.poll();
                }
                out.flush();
                if (closed.get()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("writer interrupted");
        } catch (IOException e) {
            LOG.debug("yamux write failed", e); // usually the peer hung up: the trace only at debug
            close("write failed: " + e.getMessage());
        }
    }

    private void readLoop() {
        byte[] header = new byte[Frame.HEADER];
        try {
            while (!closed.get()) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    close("connection closed by peer");
                    return;
                }
                Frame h;
                try {
                    h = Frame.parseHeader(header);
                } catch (IllegalArgumentException e) {
                    protocolError(e.getMessage());
                    return;
                }
                switch (h.type()) {
                    case Frame.TYPE_DATA, Frame.TYPE_WINDOW_UPDATE -> {
                        if (!onStreamFrame(h)) {
                            return;
                        }
                    }
                    case Frame.TYPE_PING -> {
                        if ((h.flags() & Frame.SYN) != 0) {
                            enqueue(Frame.control(Frame.TYPE_PING, Frame.ACK, 0, h.length()));
                        } else if ((h.flags() & Frame.ACK) != 0) {
                            CompletableFuture<Long> f = pings.remove(h.length());
                            if (f != null) {
                                f.complete(System.nanoTime());
                            }
                        }
                    }
                    case Frame.TYPE_GO_AWAY -> remoteGoAway = true;
                    default -> throw new IllegalStateException();
                }
            }
        } catch (IOException e) {
            LOG.debug("yamux read failed", e); // usually the peer hung up: the trace only at debug
            close("read failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("yamux reader failed", e);
            close("reader failed: " + e);
        }
    }

    private boolean onStreamFrame(Frame h) throws IOException {
        int id = h.streamId();
        int flags = h.flags();
        YamuxStream s = streams.get(id);
        if ((flags & Frame.SYN) != 0) {
            if (s != null || id == 0 || !isInbound(id)) {
                protocolError("invalid SYN for stream " + id);
                return false;
            }
            if (localGoAway || inboundCount.get() >= maxInboundStreams) {
                skipPayload(h);
                enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, Frame.RST, id, 0));
                return true;
            }
            s = new YamuxStream(this, id);
            streams.put(id, s);
            inboundCount.incrementAndGet();
            enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, Frame.ACK, id, 0));
            YamuxStream accepted = s;
            try {
                threads.start("yamux-stream-" + id, () -> onInbound.accept(accepted));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                accepted.reset(); // the owner is stopping: refuse the stream
            }
        }
        if (s == null) {
            // a frame for a stream we already closed or reset: drain it and move on
            skipPayload(h);
            return true;
        }
        if (h.type() == Frame.TYPE_WINDOW_UPDATE) {
            s.onWindowUpdate(h.length());
        } else {
            long len = Integer.toUnsignedLong(h.length());
            if (len > 0) {
                // reject before allocating: a peer may never send more than the window we granted
                if (len > s.receiveWindow()) {
                    protocolError("stream " + id + " exceeded its receive window");
                    return false;
                }
                byte[] data = new byte[(int) len];
                LengthPrefixed.readFully(in, data);
                if (!s.onData(data)) {
                    protocolError("stream " + id + " exceeded its receive window");
                    return false;
                }
            }
        }
        if ((flags & Frame.RST) != 0) {
            s.onReset("reset by peer");
        } else if ((flags & Frame.FIN) != 0) {
            s.onRemoteFin();
        }
        return true;
    }

    private void skipPayload(Frame h) throws IOException {
        if (h.type() != Frame.TYPE_DATA) {
            return;
        }
        long remaining = Integer.toUnsignedLong(h.length());
        if (remaining > INITIAL_WINDOW * 64L) {
            throw new IOException("yamux: oversized frame for an unknown stream");
        }
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            remaining -= skipped;
        }
    }

    private void protocolError(String why) {
        LOG.debug("yamux protocol error: {}", why);
        if (!closed.get()) {
            writeQueue.add(Frame.control(Frame.TYPE_GO_AWAY, 0, 0, Frame.GO_AWAY_PROTOCOL_ERROR));
            writeQueue.add(POISON);
        }
    }

    /** Closes the session: every stream fails, and the owner closes the socket via the close callback. */
    public void close(String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.debug("yamux session closed: {}", why);
        writeQueue.clear();
        writeQueue.add(POISON);
        List<YamuxStream> all = new ArrayList<>(streams.values());
        all.forEach(s -> s.failAll("connection closed: " + why));
        streams.clear();
        pings.values().forEach(f -> f.completeExceptionally(new IOException("connection closed")));
        pings.clear();
        onClosed.run();
    }
}
