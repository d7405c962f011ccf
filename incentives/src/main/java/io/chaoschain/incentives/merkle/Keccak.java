package io.chaoschain.incentives.merkle;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** keccak256 with one reusable digest; not thread-safe, so each tree build owns one. */
final class Keccak {
    private final KeccakDigest digest = new KeccakDigest(256);

    void hash(byte[] in, int offset, int length, byte[] out, int outOffset) {
        digest.update(in, offset, length);
        digest.doFinal(out, outOffset);
    }

    byte[] hash(byte[] in) {
        byte[] out = new byte[32];
        hash(in, 0, in.length, out, 0);
        return out;
    }

    /** The standard leaf: the hash of the hash of the ABI-encoded values, so a leaf can never pass for a node. */
    void leafHash(byte[] encoded, byte[] out, int outOffset) {
        byte[] inner = new byte[32];
        hash(encoded, 0, encoded.length, inner, 0);
        hash(inner, 0, 32, out, outOffset);
    }

    /** keccak256 of the two 32-byte nodes concatenated smaller first, written to {@code out} at {@code outOffset}. */
    void hashPair(byte[] a, int aOffset, byte[] b, int bOffset, byte[] out, int outOffset) {
        if (java.util.Arrays.compareUnsigned(a, aOffset, aOffset + 32, b, bOffset, bOffset + 32) <= 0) {
            digest.update(a, aOffset, 32);
            digest.update(b, bOffset, 32);
        } else {
            digest.update(b, bOffset, 32);
            digest.update(a, aOffset, 32);
        }
        digest.doFinal(out, outOffset);
    }
}
