package io.chaoschain.p2p.crypto;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;

/** A libp2p public identity key; {@link #marshal()} is the peer-ids spec protobuf from which peer IDs derive. */
public sealed interface PublicKey permits Ed25519PublicKey, Secp256k1PublicKey {

    KeyType type();

    /** The key bytes inside the protobuf's Data field (32 bytes Ed25519, 33-byte compressed secp256k1). */
    byte[] raw();

    /** Checks a signature made by the matching private key according to the peer-ids spec signing rules. */
    boolean verify(byte[] data, byte[] signature);

    default byte[] marshal() {
        return new ProtoWriter().varint(1, type().code()).bytes(2, raw()).toByteArray();
    }

    /** Decodes the peer-ids spec PublicKey protobuf. */
    static PublicKey unmarshal(byte[] encoded) {
        ProtoReader r = new ProtoReader(encoded);
        Long type = null;
        byte[] data = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.varint();
                case 2 -> data = r.bytes();
                default -> r.skip();
            }
        }
        if (type == null || data == null) {
            throw new MalformedMessageException("public key protobuf lacks Type or Data");
        }
        try {
            return switch (KeyType.ofCode(type)) {
                case ED25519 -> new Ed25519PublicKey(data);
                case SECP256K1 -> new Secp256k1PublicKey(data);
                default -> throw new MalformedMessageException("unsupported public key type " + KeyType.ofCode(type));
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid public key: " + e.getMessage(), e);
        }
    }
}
