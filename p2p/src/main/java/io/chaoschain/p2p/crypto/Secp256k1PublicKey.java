package io.chaoschain.p2p.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/** A secp256k1 public key, marshalled in the 33-byte compressed (Bitcoin) form. */
public final class Secp256k1PublicKey implements PublicKey {
    private final byte[] compressed;
    private final ECPoint point;

    public Secp256k1PublicKey(byte[] encoded) {
        if (encoded.length != 33 && encoded.length != 65) {
            throw new IllegalArgumentException("secp256k1 public key must be 33 or 65 bytes, got " + encoded.length);
        }
        this.point = Secp256k1Curve.PARAMS.getCurve().decodePoint(encoded);
        this.compressed = point.getEncoded(true);
    }

    Secp256k1PublicKey(ECPoint point) {
        this.point = point.normalize();
        this.compressed = this.point.getEncoded(true);
    }

    @Override
    public KeyType type() {
        return KeyType.SECP256K1;
    }

    @Override
    public byte[] raw() {
        return compressed.clone();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Primitive der = ASN1Primitive.fromByteArray(signature);
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            if (seq.size() != 2) {
                return false;
            }
            r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(point, Secp256k1Curve.DOMAIN));
        return v.verifySignature(sha256(data), r, s);
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secp256k1PublicKey k && Arrays.equals(compressed, k.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return "Secp256k1PublicKey[" + HexFormat.of().formatHex(compressed) + "]";
    }
}
