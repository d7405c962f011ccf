package io.chaoschain.p2p.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal protobuf (proto2/proto3 wire format) encoder; fields are written in the order called. */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void tag(int field, int wireType) {
        Varint.write(((long) field << 3) | wireType, out);
    }

    public ProtoWriter varint(int field, long value) {
        tag(field, 0);
        Varint.write(value, out);
        return this;
    }

    public ProtoWriter bool(int field, boolean value) {
        return varint(field, value ? 1 : 0);
    }

    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        Varint.write(value.length, out);
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    /** Writes the field only when the value is non-null (proto2 optional). */
    public ProtoWriter optionalBytes(int field, byte[] value) {
        return value == null ? this : bytes(field, value);
    }

    public ProtoWriter optionalString(int field, String value) {
        return value == null ? this : string(field, value);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
