package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.MalformedMessageException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Unsigned LEB128 varints as used by multiformats and libp2p. The multiformats unsigned-varint spec caps them at 9
 * bytes (63 bits) and forbids non-minimal encodings; both are enforced so two encodings never map to one value.
 */
public final class Varint {
    public static final int MAX_BYTES = 9;

    private Varint() {}

    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    public static int write(long value, byte[] out, int offset) {
        int i = offset;
        while ((value & ~0x7FL) != 0) {
            out[i++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[i++] = (byte) value;
        return i - offset;
    }

    public static void write(long value, OutputStream out) throws IOException {
        byte[] buf = new byte[MAX_BYTES + 1];
        int n = write(value, buf, 0);
        out.write(buf, 0, n);
    }

    public static void write(long value, ByteArrayOutputStream out) {
        byte[] buf = new byte[MAX_BYTES + 1];
        int n = write(value, buf, 0);
        out.write(buf, 0, n);
    }

    /** Result of decoding from an array: the value and how many bytes it used. */
    public record Decoded(long value, int length) {}

    public static Decoded decode(byte[] in, int offset, int limit) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (offset + i >= limit) {
                throw new MalformedMessageException("truncated varint");
            }
            int b = in[offset + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedMessageException("non-minimal varint");
                }
                return new Decoded(value, i + 1);
            }
        }
        throw new MalformedMessageException("varint longer than " + MAX_BYTES + " bytes");
    }

    /**
     * Reads one varint from a stream; returns -1 on a clean end of stream before the first byte.
     *
     * @throws EOFException when the stream ends inside the varint
     */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw new EOFException("stream ended inside a varint");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedMessageException("non-minimal varint");
                }
                return value;
            }
        }
        throw new MalformedMessageException("varint longer than " + MAX_BYTES + " bytes");
    }
}
