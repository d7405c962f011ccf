package io.chaoschain.p2p.internal.yamux;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One yamux stream with credit-based flow control: the peer may send at most the window we granted (initially 256
 * KiB); consumed bytes are credited back with a window update once half the window has been read, and writers block
 * while the peer's window for us is exhausted (backpressure).
 */
public final class YamuxStream {
    private final YamuxSession session;
    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int chunkPos;
    private int buffered;
    private long sendWindow = YamuxSession.INITIAL_WINDOW;
    private long recvWindow = YamuxSession.INITIAL_WINDOW;
    private int consumedSinceUpdate;
    private boolean localClosed;
    private boolean remoteClosed;
    private boolean readClosed;
    private boolean reset;
    private String failure;
    private final InputStream input = new In();
    private final OutputStream output = new Out();

    YamuxStream(YamuxSession session, int id) {
        this.session = session;
        this.id = id;
    }

    public int id() {
        return id;
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    // ---- called by the session's reader thread; never blocks ----

    /** Returns false when the peer overran the window we granted (a protocol error). */
    boolean onData(byte[] data) {
        lock.lock();
        try {
            if (data.length > recvWindow) {
                return false;
            }
            if (reset) {
                return true;
            }
            if (readClosed || remoteClosed) {
                // nobody will read this; credit it straight back so the peer is not stalled
                session.enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, 0, id, data.length));
                return true;
            }
            recvWindow -= data.length;
            if (data.length > 0) {
                chunks.add(data);
                buffered += data.length;
                readable.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void onWindowUpdate(int delta) {
        lock.lock();
        try {
            sendWindow += Integer.toUnsignedLong(delta);
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void onRemoteFin() {
        lock.lock();
        try {
            remoteClosed = true;
            readable.signalAll();
            if (localClosed) {
                session.forget(this);
            }
        } finally {
            lock.unlock();
        }
    }

    void onReset(String why) {
        lock.lock();
        try {
            if (!reset) {
                reset = true;
                failure = why;
                chunks.clear();
                buffered = 0;
                readable.signalAll();
                writable.signalAll();
            }
        } finally {
            lock.unlock();
        }
        session.forget(this);
    }

    // ---- application side ----

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int credit = 0;
        int n;
        lock.lock();
        try {
            while (buffered == 0 && !remoteClosed && !reset && !readClosed) {
                await(readable);
            }
            if (reset) {
                throw new IOException("yamux stream " + id + " reset: " + failure);
            }
            if (buffered == 0) {
                return -1;
            }
            n = 0;
            while (n < len && !chunks.isEmpty()) {
                byte[] c = chunks.peek();
                int take = Math.min(len - n, c.length - chunkPos);
                System.arraycopy(c, chunkPos, b, off + n, take);
                n += take;
                chunkPos += take;
                if (chunkPos == c.length) {
                    chunks.poll();
                    chunkPos = 0;
                }
            }
            buffered -= n;
            consumedSinceUpdate += n;
            if (consumedSinceUpdate >= YamuxSession.INITIAL_WINDOW / 2 && !remoteClosed) {
                credit = consumedSinceUpdate;
                recvWindow += credit;
                consumedSinceUpdate = 0;
            }
        } finally {
            lock.unlock();
        }
        if (credit > 0) {
            session.enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, 0, id, credit));
        }
        return n;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            lock.lock();
            try {
                while (sendWindow == 0 && !reset && !localClosed && !session.isClosed()) {
                    await(writable);
                }
                if (reset) {
                    throw new IOException("yamux stream " + id + " reset: " + failure);
                }
                if (localClosed) {
                    throw new IOException("yamux stream " + id + " is closed for writing");
                }
                if (session.isClosed()) {
                    throw new IOException("yamux session closed");
                }
                n = (int) Math.min(Math.min(len, sendWindow), YamuxSession.MAX_DATA_FRAME);
                sendWindow -= n;
            } finally {
                lock.unlock();
            }
            byte[] copy = new byte[n];
            System.arraycopy(b, off, copy, 0, n);
            session.enqueue(Frame.data(0, id, copy, 0, n));
            off += n;
            len -= n;
        }
    }

    private void await(Condition c) throws IOException {
        try {
            // periodic wake-up guards against a missed signal when the whole session dies
            c.await(1, TimeUnit.SECONDS);
            if (session.isClosed() && !reset) {
                remoteClosed = true;
                if (buffered == 0) {
                    reset = true;
                    failure = "connection closed";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting on yamux stream " + id);
        }
    }

    /** Half-closes: sends FIN; reading continues until the peer closes its side. */
    public void closeWrite() {
        lock.lock();
        try {
            if (localClosed || reset) {
                return;
            }
            localClosed = true;
            writable.signalAll();
            session.enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, Frame.FIN, id, 0));
            if (remoteClosed) {
                session.forget(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes both directions: FIN for writing, and any further inbound data is discarded. */
    public void close() {
        closeWrite();
        lock.lock();
        try {
            readClosed = true;
            chunks.clear();
            buffered = 0;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Aborts the stream in both directions with RST. */
    public void reset() {
        boolean send;
        lock.lock();
        try {
            send = !reset;
        } finally {
            lock.unlock();
        }
        if (send) {
            session.enqueue(Frame.control(Frame.TYPE_WINDOW_UPDATE, Frame.RST, id, 0));
        }
        onReset("reset locally");
    }

    long receiveWindow() {
        lock.lock();
        try {
            return recvWindow;
        } finally {
            lock.unlock();
        }
    }

    boolean isReset() {
        lock.lock();
        try {
            return reset;
        } finally {
            lock.unlock();
        }
    }

    void failAll(String why) {
        onReset(why);
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = YamuxStream.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return YamuxStream.this.read(b, off, len);
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return buffered;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            YamuxStream.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            YamuxStream.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            YamuxStream.this.write(b, off, len);
        }

        @Override
        public void close() {
            closeWrite();
        }
    }
}
