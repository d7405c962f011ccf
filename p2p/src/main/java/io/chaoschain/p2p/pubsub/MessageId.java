package io.chaoschain.p2p.pubsub;

import java.util.Arrays;
import java.util.HexFormat;

/** A pubsub message ID (by default the publisher's peer-ID bytes followed by the 8-byte sequence number). */
public final class MessageId {
    private final byte[] bytes;
    private final int hash;

    public MessageId(byte[] bytes) {
        this.bytes = bytes.clone();
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId m && m.hash == hash && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
