package io.chaoschain.p2p.internal.yamux;

import java.nio.ByteBuffer;

/** One yamux frame (hashicorp yamux spec): 12-byte header of version, type, flags, stream ID and length. */
record Frame(int type, int flags, int streamId, int length, byte[] data, int dataOffset) {
    static final int HEADER = 12;
    static final int TYPE_DATA = 0;
    static final int TYPE_WINDOW_UPDATE = 1;
    static final int TYPE_PING = 2;
    static final int TYPE_GO_AWAY = 3;
    static final int SYN = 1;
    static final int ACK = 2;
    static final int FIN = 4;
    static final int RST = 8;
    static final int GO_AWAY_NORMAL = 0;
    static final int GO_AWAY_PROTOCOL_ERROR = 1;
    static final int GO_AWAY_INTERNAL_ERROR = 2;

    static Frame control(int type, int flags, int streamId, int length) {
        return new Frame(type, flags, streamId, length, null, 0);
    }

    static Frame data(int flags, int streamId, byte[] data, int off, int len) {
        return new Frame(TYPE_DATA, flags, streamId, len, data, off);
    }

    byte[] header() {
        return ByteBuffer.allocate(HEADER)
                .put((byte) 0)
                .put((byte) type)
                .putShort((short) flags)
                .putInt(streamId)
                .putInt(length)
                .array();
    }

    static Frame parseHeader(byte[] h) {
        ByteBuffer b = ByteBuffer.wrap(h);
        int version = b.get() & 0xFF;
        int type = b.get() & 0xFF;
        int flags = b.getShort() & 0xFFFF;
        int streamId = b.getInt();
        int length = b.getInt();
        if (version != 0) {
            throw new IllegalArgumentException("yamux: unsupported version " + version);
        }
        if (type > TYPE_GO_AWAY) {
            throw new IllegalArgumentException("yamux: unknown frame type " + type);
        }
        return control(type, flags, streamId, length);
    }
}
