package io.chaoschain.p2p.crypto;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.security.SecureRandom;

/**
 * A libp2p private identity key. {@link #toString()} never shows key material, so keys cannot leak into logs.
 */
public sealed interface PrivateKey permits Ed25519PrivateKey, Secp256k1PrivateKey {

    KeyType type();

    PublicKey publicKey();

    /** Signs per the peer-ids spec: plain Ed25519, or DER ECDSA over SHA-256 for secp256k1. */
    byte[] sign(byte[] data);

    /** The bytes inside the protobuf's Data field (seed||public for Ed25519, 32-byte scalar for secp256k1). */
    byte[] raw();

    default byte[] marshal() {
        return new ProtoWriter().varint(1, type().code()).bytes(2, raw()).toByteArray();
    }

    static PrivateKey generate(KeyType type) {
        return generate(type, new SecureRandom());
    }

    static PrivateKey generate(KeyType type, SecureRandom random) {
        return switch (type) {
            case ED25519 -> Ed25519PrivateKey.generate(random);
            case SECP256K1 -> Secp256k1PrivateKey.generate(random);
            default -> throw new IllegalArgumentException("key type " + type + " is not supported; use ED25519");
        };
    }

    static PrivateKey unmarshal(byte[] encoded) {
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
            throw new MalformedMessageException("private key protobuf lacks Type or Data");
        }
        try {
            return switch (KeyType.ofCode(type)) {
                case ED25519 -> Ed25519PrivateKey.fromRaw(data);
                case SECP256K1 -> new Secp256k1PrivateKey(data);
                default -> throw new MalformedMessageException("unsupported private key type " + KeyType.ofCode(type));
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid private key: " + e.getMessage(), e);
        }
    }
}
