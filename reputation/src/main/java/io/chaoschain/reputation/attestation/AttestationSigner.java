package io.chaoschain.reputation.attestation;

import io.chaoschain.core.Hex;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs EAS off-chain attestations (version 2) with a local key under one EAS domain. Signatures are deterministic
 * (RFC 6979), so the same request, salt and key always give the same attestation.
 */
public final class AttestationSigner {
    private final EasDomain domain;
    private final Credentials credentials;
    private final RandomGenerator saltSource;

    public AttestationSigner(EasDomain domain, Credentials credentials) {
        this(domain, credentials, new SecureRandom());
    }

    /** {@code saltSource} supplies salts for requests that carry none; use a secure source outside tests. */
    public AttestationSigner(EasDomain domain, Credentials credentials, RandomGenerator saltSource) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.saltSource = Objects.requireNonNull(saltSource, "saltSource");
    }

    public EasDomain domain() {
        return domain;
    }

    /** The checksummed address attestations are signed by. */
    public String signer() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    /** Signs {@code request}, drawing a random salt when it has none, and computes its off-chain UID. */
    public OffchainAttestation sign(AttestationRequest request) {
        AttestationRequest salted = request.salt() != null ? request : request.withSalt(randomSalt());
        int version = OffchainAttestation.VERSION_2;
        byte[] digest = AttestTypedData.digest(domain, version, salted);
        Sign.SignatureData sig = Sign.signMessage(digest, credentials.getEcKeyPair(), false);
        EcdsaSignature signature =
                new EcdsaSignature(Byte.toUnsignedInt(sig.getV()[0]), Hex.encode(sig.getR()), Hex.encode(sig.getS()));
        return new OffchainAttestation(
                version,
                salted.schema(),
                salted.recipient(),
                salted.time(),
                salted.expirationTime(),
                salted.revocable(),
                salted.refUID(),
                salted.data(),
                salted.salt(),
                Hex.encode(AttestTypedData.uid(version, salted)),
                signature,
                signer(),
                domain);
    }

    private String randomSalt() {
        byte[] salt = new byte[32];
        saltSource.nextBytes(salt);
        return Hex.encode(salt);
    }
}
