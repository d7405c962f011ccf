package io.chaoschain.p2p.internal.noise;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.crypto.AEADBadTagException;

/**
 * The transport phase of a Noise channel: plaintext streams over 2-byte-length-prefixed ChaChaPoly frames. Writes are
 * buffered up to one frame (65535 bytes of ciphertext) and sealed on {@link OutputStream#flush()}; callers serialise
 * writes themselves (the yamux writer thread is the only writer).
 */
public final class NoiseSession {
    static final int MAX_PLAINTEXT = 65535 - 16;
    private static final byte[] NO_AD = new byte[0];

    private final DataInputStream rawIn;
    private final OutputStream rawOut;
    private final CipherState send;
    private final CipherState recv;
    private final InputStream input = new DecryptingInput();
    private final OutputStream output = new EncryptingOutput();

    NoiseSession(InputStream rawIn, OutputStream rawOut, CipherState send, CipherState recv) {
        this.rawIn = new DataInputStream(rawIn);
        this.rawOut = rawOut;
        this.send = send;
        this.recv = recv;
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    private final class DecryptingInput extends InputStream {
        private byte[] frame = new byte[0];
        private int pos;
        private final byte[] cipherBuf = new byte[65535];

        private boolean fill() throws IOException {
            while (pos >= frame.length) {
                int len;
                try {
                    len = rawIn.readUnsignedShort();
                } catch (EOFException e) {
                    return false;
                }
                if (len < 16) {
                    throw new IOException("noise: transport frame shorter than its tag");
                }
                rawIn.readFully(cipherBuf, 0, len);
                try {
                    frame = recv.decrypt(NO_AD, cipherBuf, 0, len);
                } catch (AEADBadTagException e) {
                    throw new IOException("noise: transport frame failed authentication");
                }
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return frame[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, frame.length - pos);
            System.arraycopy(frame, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return frame.length - pos;
        }
    }

    private final class EncryptingOutput extends OutputStream {
        private final byte[] buf = new byte[MAX_PLAINTEXT];
        private int count;

        @Override
        public void write(int b) throws IOException {
            if (count == buf.length) {
                seal();
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (count == buf.length) {
                    seal();
                }
                int n = Math.min(len, buf.length - count);
                System.arraycopy(b, off, buf, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        private void seal() throws IOException {
            if (count == 0) {
                return;
            }
            byte[] c = send.encrypt(NO_AD, buf, 0, count);
            count = 0;
            rawOut.write(c.length >> 8);
            rawOut.write(c.length);
            rawOut.write(c);
        }

        @Override
        public void flush() throws IOException {
            seal();
            rawOut.flush();
        }

        @Override
        public void close() throws IOException {
            rawOut.close();
        }
    }
}
