package io.chaoschain.reputation.attestation;

import io.chaoschain.core.Hex;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.attestation.Verification.Invalid;
import io.chaoschain.reputation.attestation.Verification.Reason;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Checks EAS off-chain attestations the way the EAS SDK's {@code verifyOffchainAttestationSignature} does (UID
 * recomputed from the message, EIP-712 signature recovered to the claimed signer), and additionally rejects
 * non-canonical signatures and expired attestations.
 */
public final class AttestationVerifier {
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private final TimeProvider clock;

    public AttestationVerifier(TimeProvider clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies {@code attestation} under whatever EAS domain it names. */
    public Verification verify(OffchainAttestation attestation) {
        if (!EasDomain.NAME.equals(attestation.domain().name())) {
            return new Invalid(
                    Reason.WRONG_DOMAIN,
                    "domain.name is '" + attestation.domain().name() + "', expected '" + EasDomain.NAME + "'");
        }
        AttestationRequest message = attestation.request();
        String uid = Hex.encode(AttestTypedData.uid(attestation.version(), message));
        if (!uid.equalsIgnoreCase(attestation.uid())) {
            return new Invalid(
                    Reason.UID_MISMATCH, "uid is " + attestation.uid() + " but the message hashes to " + uid);
        }
        EcdsaSignature sig = attestation.signature();
        int v = sig.v() < 27 ? sig.v() + 27 : sig.v();
        if (v != 27 && v != 28) {
            return new Invalid(Reason.MALFORMED_SIGNATURE, "signature.v must be 27 or 28, got " + sig.v());
        }
        if (new BigInteger(1, Hex.decode(sig.s())).compareTo(HALF_CURVE_ORDER) > 0) {
            return new Invalid(Reason.MALFORMED_SIGNATURE, "signature.s is not canonical (above half the curve order)");
        }
        byte[] digest = AttestTypedData.digest(attestation.domain(), attestation.version(), message);
        String recovered;
        try {
            BigInteger key = Sign.signedMessageHashToKey(
                    digest, new Sign.SignatureData((byte) v, Hex.decode(sig.r()), Hex.decode(sig.s())));
            recovered = Keys.toChecksumAddress(Keys.getAddress(key));
        } catch (SignatureException | RuntimeException e) {
            return new Invalid(Reason.MALFORMED_SIGNATURE, "signature recovers no public key");
        }
        if (!recovered.equalsIgnoreCase(attestation.signer())) {
            return new Invalid(
                    Reason.SIGNER_MISMATCH,
                    "signature recovers to " + recovered + ", not the claimed signer " + attestation.signer());
        }
        long expiration = attestation.expirationTime();
        long now = clock.now().getEpochSecond();
        if (expiration != 0 && expiration <= now) {
            return new Invalid(Reason.EXPIRED, "expired at " + expiration + ", now is " + now);
        }
        return new Verification.Valid(recovered);
    }

    /**
     * Verifies {@code attestation} and requires it to be signed for {@code expected}'s chain and EAS contract. As in the
     * EAS SDK, the EAS contract version string may differ: attestations stay valid across contract upgrades.
     */
    public Verification verify(OffchainAttestation attestation, EasDomain expected) {
        EasDomain actual = attestation.domain();
        if (!actual.name().equals(expected.name())
                || !actual.chainId().equals(expected.chainId())
                || !actual.verifyingContract()
                        .toLowerCase(Locale.ROOT)
                        .equals(expected.verifyingContract().toLowerCase(Locale.ROOT))) {
            return new Invalid(
                    Reason.WRONG_DOMAIN,
                    "signed for chain " + actual.chainId() + " contract " + actual.verifyingContract()
                            + ", expected chain " + expected.chainId() + " contract " + expected.verifyingContract());
        }
        return verify(attestation);
    }
}
