package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal protobuf decoder over a byte range already in memory. Every length is checked against the remaining
 * bytes before anything is copied, so decoding allocates at most the size of its input; unknown fields are skipped as
 * protobuf requires; group wire types (3, 4) are rejected since no libp2p message uses them.
 */
public final class ProtoReader {
    private final byte[] buf;
    private int pos;
    private final int limit;
    private int field;
    private int wireType;

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ProtoReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Advances to the next field; false at the end of the message. */
    public boolean next() {
        if (pos >= limit) {
            return false;
        }
        long key = readVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || key >>> 3 > 0x1FFFFFFFL) {
            throw new MalformedMessageException("invalid protobuf field number " + (key >>> 3));
        }
        return true;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    private long readVarint() {
        Varint.Decoded d = decodeVarintLenient();
        pos += d.length();
        return d.value();
    }

    // protobuf varints are 10 bytes max and may be non-minimal; accept what protobuf accepts
    private Varint.Decoded decodeVarintLenient() {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            if (pos + i >= limit) {
                throw new MalformedMessageException("truncated protobuf varint");
            }
            int b = buf[pos + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return new Varint.Decoded(value, i + 1);
            }
        }
        throw new MalformedMessageException("protobuf varint longer than 10 bytes");
    }

    public long varint() {
        expect(0);
        return readVarint();
    }

    public boolean bool() {
        return varint() != 0;
    }

    public byte[] bytes() {
        int[] range = lengthDelimited();
        return Arrays.copyOfRange(buf, range[0], range[0] + range[1]);
    }

    public String string() {
        int[] range = lengthDelimited();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, range[0], range[1]))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("protobuf string field " + field + " is not UTF-8");
        }
    }

    /** A reader over the embedded message in the current field, sharing this buffer (no copy). */
    public ProtoReader message() {
        int[] range = lengthDelimited();
        return new ProtoReader(buf, range[0], range[1]);
    }

    private int[] lengthDelimited() {
        expect(2);
        long length = readVarint();
        if (length < 0 || length > limit - pos) {
            throw new MalformedMessageException(
                    "protobuf field " + field + " length " + length + " exceeds the message");
        }
        int start = pos;
        pos += (int) length;
        return new int[] {start, (int) length};
    }

    private void expect(int type) {
        if (wireType != type) {
            throw new MalformedMessageException(
                    "protobuf field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }

    /** Skips the current field's value. */
    public void skip() {
        switch (wireType) {
            case 0 -> readVarint();
            case 1 -> advance(8);
            case 2 -> lengthDelimited();
            case 5 -> advance(4);
            default -> throw new MalformedMessageException("unsupported protobuf wire type " + wireType);
        }
    }

    private void advance(int n) {
        if (limit - pos < n) {
            throw new MalformedMessageException("truncated protobuf fixed-width field");
        }
        pos += n;
    }
}
