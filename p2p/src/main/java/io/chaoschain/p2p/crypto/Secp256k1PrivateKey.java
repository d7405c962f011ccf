package io.chaoschain.p2p.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 private key (32-byte scalar); signatures are deterministic (RFC 6979), low-S, DER-encoded. */
public final class Secp256k1PrivateKey implements PrivateKey {
    private final BigInteger d;
    private final Secp256k1PublicKey publicKey;

    public Secp256k1PrivateKey(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("secp256k1 private key must be 32 bytes, got " + scalar.length);
        }
        BigInteger value = new BigInteger(1, scalar);
        if (value.signum() == 0 || value.compareTo(Secp256k1Curve.DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("secp256k1 private key is out of range");
        }
        this.d = value;
        this.publicKey = new Secp256k1PublicKey(Secp256k1Curve.DOMAIN.getG().multiply(d));
    }

    public static Secp256k1PrivateKey generate(SecureRandom random) {
        while (true) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            BigInteger v = new BigInteger(1, b);
            if (v.signum() > 0 && v.compareTo(Secp256k1Curve.DOMAIN.getN()) < 0) {
                return new Secp256k1PrivateKey(b);
            }
        }
    }

    @Override
    public KeyType type() {
        return KeyType.SECP256K1;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] data) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, Secp256k1Curve.DOMAIN));
        BigInteger[] rs = signer.generateSignature(Secp256k1PublicKey.sha256(data));
        BigInteger n = Secp256k1Curve.DOMAIN.getN();
        BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(rs[0]));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] raw() {
        return BigIntegers.asUnsignedByteArray(32, d);
    }

    @Override
    public String toString() {
        return "Secp256k1PrivateKey[public=" + publicKey + "]";
    }
}
