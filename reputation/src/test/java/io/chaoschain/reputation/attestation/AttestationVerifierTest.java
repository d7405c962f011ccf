package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.Hex;
import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.attestation.Verification.Invalid;
import io.chaoschain.reputation.attestation.Verification.Reason;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

class AttestationVerifierTest {
    private static final Credentials ANVIL_0 =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final Credentials ANVIL_1 =
            Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a7412f4603b6b78690d");
    private static final EasDomain DOMAIN = EasDomain.of("1.4.0", 31337, "0xC2679fBD37d54388Ce493F1DB75320D236e1815e");
    private static final long NOW = 1_760_000_000L;
    private static final StubTimeProvider CLOCK = StubTimeProvider.startingAt(Instant.ofEpochSecond(NOW));
    private static final SchemaId SCHEMA = ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true);

    private final AttestationSigner signer = new AttestationSigner(DOMAIN, ANVIL_0, new Random(7));
    private final AttestationVerifier verifier = new AttestationVerifier(CLOCK);

    private static ContributionRecord record() {
        return new ContributionRecord(
                BigInteger.valueOf(42),
                "eip155:31337",
                ContributionKind.PROPOSAL_EXECUTED,
                "0x" + "ab".repeat(32),
                BigInteger.valueOf(-1250),
                4,
                "0x" + "cd".repeat(32));
    }

    private OffchainAttestation signed() {
        return signer.sign(record().toRequest(SCHEMA, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", NOW - 60));
    }

    private static Reason reason(Verification v) {
        assertThat(v).isInstanceOf(Invalid.class);
        return ((Invalid) v).reason();
    }

    private static OffchainAttestation withData(OffchainAttestation a, String data, String uid) {
        return new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time(),
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                data,
                a.salt(),
                uid,
                a.signature(),
                a.signer(),
                a.domain());
    }

    @Test
    void shouldAcceptWhatItsSignerSigned() {
        OffchainAttestation a = signed();

        assertThat(verifier.verify(a)).isEqualTo(new Verification.Valid(signer.signer()));
        assertThat(verifier.verify(a, DOMAIN).valid()).isTrue();
        assertThat(ContributionRecord.decode(a.data())).isEqualTo(record());
    }

    @Test
    void shouldDrawAFreshSaltForEachAttestationSoEqualContentsGetDistinctUids() {
        assertThat(signed().uid()).isNotEqualTo(signed().uid());
    }

    @Test
    void shouldReportUidMismatchWhenDataIsChangedAfterSigning() {
        OffchainAttestation a = signed();
        String other = record().encode().replace("fffb1e", "fffb1f"); // -1250 -> -1249

        assertThat(other).isNotEqualTo(a.data());
        assertThat(reason(verifier.verify(withData(a, other, a.uid())))).isEqualTo(Reason.UID_MISMATCH);
    }

    @Test
    void shouldReportUidMismatchWhenTheUidIsReplaced() {
        OffchainAttestation a = signed();
        OffchainAttestation forged = withData(a, a.data(), "0x" + "11".repeat(32));

        assertThat(reason(verifier.verify(forged))).isEqualTo(Reason.UID_MISMATCH);
    }

    @Test
    void shouldReportSignerMismatchWhenDataAndUidAreBothRewritten() {
        OffchainAttestation a = signed();
        String other = record().encode().replace("fffb1e", "fffb1f");
        String consistentUid = Hex.encode(
                AttestTypedData.uid(a.version(), withData(a, other, a.uid()).request()));

        assertThat(reason(verifier.verify(withData(a, other, consistentUid)))).isEqualTo(Reason.SIGNER_MISMATCH);
    }

    @Test
    void shouldReportSignerMismatchWhenAnotherKeySigned() {
        OffchainAttestation a = signed();
        OffchainAttestation byOther = new AttestationSigner(DOMAIN, ANVIL_1).sign(a.request());
        OffchainAttestation claimed = new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time(),
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                a.data(),
                a.salt(),
                a.uid(),
                byOther.signature(),
                a.signer(),
                a.domain());

        assertThat(reason(verifier.verify(claimed))).isEqualTo(Reason.SIGNER_MISMATCH);
    }

    @Test
    void shouldReportSignerMismatchWhenSignedUnderAnotherDomain() {
        OffchainAttestation a = signed();
        EasDomain otherChain = EasDomain.of("1.4.0", 1, DOMAIN.verifyingContract());
        OffchainAttestation moved = new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time(),
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                a.data(),
                a.salt(),
                a.uid(),
                a.signature(),
                a.signer(),
                otherChain);

        assertThat(reason(verifier.verify(moved))).isEqualTo(Reason.SIGNER_MISMATCH);
        assertThat(reason(verifier.verify(a, otherChain))).isEqualTo(Reason.WRONG_DOMAIN);
    }

    @Test
    void shouldRejectTheMalleatedHighSTwinOfAValidSignature() {
        OffchainAttestation a = signed();
        BigInteger n = Sign.CURVE_PARAMS.getN();
        BigInteger highS = n.subtract(new BigInteger(1, Hex.decode(a.signature().s())));
        String s = Hex.encode(org.web3j.utils.Numeric.toBytesPadded(highS, 32));
        EcdsaSignature twin = new EcdsaSignature(
                a.signature().v() == 27 ? 28 : 27, a.signature().r(), s);
        OffchainAttestation malleated = new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time(),
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                a.data(),
                a.salt(),
                a.uid(),
                twin,
                a.signer(),
                a.domain());

        assertThat(reason(verifier.verify(malleated))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void shouldReportMalformedSignatureForAnImpossibleRecoveryByte() {
        OffchainAttestation a = signed();
        EcdsaSignature bad =
                new EcdsaSignature(29, a.signature().r(), a.signature().s());
        OffchainAttestation broken = new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time(),
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                a.data(),
                a.salt(),
                a.uid(),
                bad,
                a.signer(),
                a.domain());

        assertThat(reason(verifier.verify(broken))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void shouldExpireAtTheExpirationTimeButNotBefore() {
        AttestationRequest request = record().toRequest(SCHEMA, AttestationRequest.ZERO_ADDRESS, NOW - 60)
                .withExpirationTime(NOW + 1);
        OffchainAttestation a = signer.sign(request);

        assertThat(verifier.verify(a).valid()).isTrue();
        assertThat(reason(
                        new AttestationVerifier(StubTimeProvider.startingAt(Instant.ofEpochSecond(NOW + 1))).verify(a)))
                .isEqualTo(Reason.EXPIRED);
    }
}
