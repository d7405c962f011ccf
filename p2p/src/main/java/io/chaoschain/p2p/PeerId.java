package io.chaoschain.p2p;

import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.Base32;
import io.chaoschain.p2p.internal.Base58;
import io.chaoschain.p2p.internal.Varint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer ID: the multihash of a peer's marshalled public key (identity multihash when the key marshals to at
 * most 42 bytes, sha2-256 otherwise). Text form is base58btc of the multihash; CIDv1 (libp2p-key, base32) is accepted
 * and available via {@link #toCid()}.
 */
public final class PeerId implements Comparable<PeerId> {
    static final int IDENTITY = 0x00;
    static final int SHA2_256 = 0x12;
    private static final int LIBP2P_KEY_CODEC = 0x72;
    private static final int MAX_INLINE_KEY = 42;

    private final byte[] multihash;

    private PeerId(byte[] multihash) {
        this.multihash = multihash;
    }

    public static PeerId fromPublicKey(PublicKey key) {
        byte[] encoded = key.marshal();
        if (encoded.length <= MAX_INLINE_KEY) {
            byte[] mh = new byte[2 + encoded.length];
            mh[0] = IDENTITY;
            mh[1] = (byte) encoded.length;
            System.arraycopy(encoded, 0, mh, 2, encoded.length);
            return new PeerId(mh);
        }
        byte[] mh = new byte[34];
        mh[0] = SHA2_256;
        mh[1] = 32;
        System.arraycopy(sha256(encoded), 0, mh, 2, 32);
        return new PeerId(mh);
    }

    /** From multihash bytes, as carried in /p2p multiaddrs, identify and pubsub "from" fields. */
    public static PeerId fromBytes(byte[] multihash) {
        Varint.Decoded code = Varint.decode(multihash, 0, multihash.length);
        Varint.Decoded len = Varint.decode(multihash, code.length(), multihash.length);
        int header = code.length() + len.length();
        if (multihash.length - header != len.value()) {
            throw new MalformedMessageException("peer ID multihash length does not match its digest");
        }
        if (code.value() == SHA2_256 && len.value() != 32) {
            throw new MalformedMessageException("sha2-256 peer ID digest must be 32 bytes");
        }
        if (code.value() == IDENTITY) {
            if (len.value() > MAX_INLINE_KEY) {
                throw new MalformedMessageException("identity peer ID longer than " + MAX_INLINE_KEY + " bytes");
            }
            PublicKey.unmarshal(Arrays.copyOfRange(multihash, header, multihash.length));
        } else if (code.value() != SHA2_256) {
            throw new MalformedMessageException(
                    "peer ID multihash code 0x" + Long.toHexString(code.value()) + " unsupported");
        }
        return new PeerId(multihash.clone());
    }

    /** Parses base58btc ("12D3KooW...", "Qm...") or CIDv1 ("bafz...") text, or throws naming the problem. */
    public static PeerId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("peer ID is empty");
        }
        try {
            if (text.startsWith("1") || text.startsWith("Qm")) {
                return fromBytes(Base58.decode(text));
            }
            if (text.startsWith("b") || text.startsWith("B")) {
                byte[] cid = Base32.decode(text.substring(1));
                Varint.Decoded version = Varint.decode(cid, 0, cid.length);
                Varint.Decoded codec = Varint.decode(cid, version.length(), cid.length);
                if (version.value() != 1 || codec.value() != LIBP2P_KEY_CODEC) {
                    throw new IllegalArgumentException("CID is not a CIDv1 libp2p-key");
                }
                return fromBytes(Arrays.copyOfRange(cid, version.length() + codec.length(), cid.length));
            }
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("invalid peer ID '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("invalid peer ID '" + text + "': expected base58btc or a CIDv1");
    }

    public byte[] bytes() {
        return multihash.clone();
    }

    /** The public key when it is inlined (identity multihash), which is the case for Ed25519 and secp256k1 keys. */
    public Optional<PublicKey> publicKey() {
        if (multihash[0] != IDENTITY) {
            return Optional.empty();
        }
        return Optional.of(PublicKey.unmarshal(Arrays.copyOfRange(multihash, 2, multihash.length)));
    }

    /** Whether this ID was derived from {@code key}. */
    public boolean matches(PublicKey key) {
        return equals(fromPublicKey(key));
    }

    public String toBase58() {
        return Base58.encode(multihash);
    }

    public String toCid() {
        byte[] cid = new byte[2 + multihash.length];
        cid[0] = 1;
        cid[1] = LIBP2P_KEY_CODEC;
        System.arraycopy(multihash, 0, cid, 2, multihash.length);
        return "b" + Base32.encode(cid);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId p && Arrays.equals(multihash, p.multihash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(multihash);
    }

    @Override
    public int compareTo(PeerId o) {
        return Arrays.compareUnsigned(multihash, o.multihash);
    }

    @Override
    public String toString() {
        return toBase58();
    }
}
