package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.MalformedMessageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Varint-length-prefixed messages, the framing of multistream-select, identify, gossipsub and kad RPCs. */
public final class LengthPrefixed {
    private LengthPrefixed() {}

    /**
     * Reads one message, rejecting a declared length above {@code maxLength} before allocating for it.
     *
     * @return the message, or null on a clean end of stream before its first byte
     */
    public static byte[] read(InputStream in, int maxLength) throws IOException {
        long length = Varint.read(in);
        if (length < 0) {
            return null;
        }
        if (length > maxLength) {
            throw new MalformedMessageException("message of " + length + " bytes exceeds the limit of " + maxLength);
        }
        byte[] out = new byte[(int) length];
        readFully(in, out);
        return out;
    }

    public static void readFully(InputStream in, byte[] out) throws IOException {
        int off = 0;
        while (off < out.length) {
            int n = in.read(out, off, out.length - off);
            if (n < 0) {
                throw new EOFException("stream ended after " + off + " of " + out.length + " bytes");
            }
            off += n;
        }
    }

    public static byte[] frame(byte[] message) {
        byte[] out = new byte[Varint.size(message.length) + message.length];
        int n = Varint.write(message.length, out, 0);
        System.arraycopy(message, 0, out, n, message.length);
        return out;
    }

    public static void write(OutputStream out, byte[] message) throws IOException {
        out.write(frame(message));
    }
}
