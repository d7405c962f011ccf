package io.chaoschain.p2p.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key; marshals as seed||public (64 bytes), the peer-ids spec's preferred form. */
public final class Ed25519PrivateKey implements PrivateKey {
    private final Ed25519PrivateKeyParameters params;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(byte[] seed) {
        this.params = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = new Ed25519PublicKey(params.generatePublicKey().getEncoded());
    }

    public static Ed25519PrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new Ed25519PrivateKey(seed);
    }

    /** From a 32-byte seed. */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        return new Ed25519PrivateKey(seed);
    }

    /**
     * From the protobuf Data field: seed||public (64 bytes), the legacy seed||public||public (96 bytes), or a bare seed.
     * The embedded public half must match the one derived from the seed.
     */
    public static Ed25519PrivateKey fromRaw(byte[] raw) {
        if (raw.length != 32 && raw.length != 64 && raw.length != 96) {
            throw new IllegalArgumentException("Ed25519 private key must be 32, 64 or 96 bytes, got " + raw.length);
        }
        Ed25519PrivateKey key = new Ed25519PrivateKey(Arrays.copyOf(raw, 32));
        if (raw.length >= 64 && !Arrays.equals(Arrays.copyOfRange(raw, 32, 64), key.publicKey.raw())) {
            throw new IllegalArgumentException("Ed25519 private key's public half does not match its seed");
        }
        return key;
    }

    @Override
    public KeyType type() {
        return KeyType.ED25519;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, params);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    @Override
    public byte[] raw() {
        byte[] out = new byte[64];
        System.arraycopy(params.getEncoded(), 0, out, 0, 32);
        System.arraycopy(publicKey.raw(), 0, out, 32, 32);
        return out;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[public=" + publicKey + "]";
    }
}
