package io.chaoschain.node.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.contracts.EasAttestationVerifier;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.Hex;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import io.chaoschain.reputation.service.ContributionRecorder;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * An attestation signed in Java verifies on chain: our EasAttestationVerifier contract recomputes the EAS off-chain
 * {@code Attest} EIP-712 digest with OpenZeppelin's EIP712 and recovers the Java signer.
 */
@WithDevnet
class EasAttestationVerifierIT {
    private static final long CHAIN_ID = Devnet.CHAIN_ID;
    private static EasAttestationVerifier verifier;

    @BeforeAll
    static void deploy(Devnet devnet) throws Exception {
        verifier = EasAttestationVerifier.deploy(
                        devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), "1.3.0")
                .send();
    }

    private static OffchainAttestation sign(Credentials key, EasDomain domain) {
        ContributionRecord record = new ContributionRecord(
                BigInteger.valueOf(3),
                "eip155:31337",
                ContributionKind.METRIC_OUTCOME,
                "0x" + "12".repeat(32),
                BigInteger.valueOf(-42_000_000_000_000_000L),
                18,
                "0x" + "34".repeat(32));
        return new AttestationSigner(domain, key)
                .sign(record.toRequest(
                        ContributionRecorder.SCHEMA,
                        AnvilAccounts.credentials(7).getAddress(),
                        1_700_000_123L));
    }

    private static EasAttestationVerifier.Attest message(OffchainAttestation a) {
        return new EasAttestationVerifier.Attest(
                BigInteger.valueOf(a.version()),
                Hex.decode(a.schema()),
                a.recipient(),
                BigInteger.valueOf(a.time()),
                BigInteger.valueOf(a.expirationTime()),
                a.revocable(),
                Hex.decode(a.refUID()),
                Hex.decode(a.data()),
                Hex.decode(a.salt()));
    }

    private static String recover(OffchainAttestation a) throws Exception {
        return verifier.recoverAttester(
                        message(a),
                        BigInteger.valueOf(a.signature().v()),
                        Hex.decode(a.signature().r()),
                        Hex.decode(a.signature().s()))
                .send();
    }

    @Test
    void shouldRecoverTheJavaSignerOnChain() throws Exception {
        Credentials key = AnvilAccounts.credentials(6);
        OffchainAttestation a = sign(key, EasDomain.of("1.3.0", CHAIN_ID, verifier.getContractAddress()));

        assertThat(recover(a)).isEqualToIgnoringCase(key.getAddress()).isEqualToIgnoringCase(a.signer());
    }

    @Test
    void shouldComputeTheSameDigestAsJava() throws Exception {
        EasDomain domain = EasDomain.of("1.3.0", CHAIN_ID, verifier.getContractAddress());
        OffchainAttestation a = sign(AnvilAccounts.credentials(6), domain);

        assertThat(Hex.encode(verifier.domainSeparator().send()))
                .isEqualTo(Hex.encode(AttestTypedData.domainSeparator(domain)));
        assertThat(Hex.encode(verifier.attestDigest(message(a)).send()))
                .isEqualTo(Hex.encode(AttestTypedData.digest(domain, a.version(), a.request())));
    }

    @Test
    void shouldRecoverSomeoneElseWhenTheMessageWasChanged() throws Exception {
        Credentials key = AnvilAccounts.credentials(6);
        OffchainAttestation a = sign(key, EasDomain.of("1.3.0", CHAIN_ID, verifier.getContractAddress()));
        OffchainAttestation tampered = new OffchainAttestation(
                a.version(),
                a.schema(),
                a.recipient(),
                a.time() + 1,
                a.expirationTime(),
                a.revocable(),
                a.refUID(),
                a.data(),
                a.salt(),
                a.uid(),
                a.signature(),
                a.signer(),
                a.domain());

        assertThat(recover(tampered)).isNotEqualToIgnoringCase(key.getAddress());
    }

    @Test
    void shouldNotAcceptASignatureMadeForAnotherContract() throws Exception {
        Credentials key = AnvilAccounts.credentials(6);
        OffchainAttestation a =
                sign(key, EasDomain.of("1.3.0", CHAIN_ID, "0x4200000000000000000000000000000000000021"));

        assertThat(recover(a)).isNotEqualToIgnoringCase(key.getAddress());
    }

    @Test
    void shouldRejectANonCanonicalSignature() {
        OffchainAttestation a =
                sign(AnvilAccounts.credentials(6), EasDomain.of("1.3.0", CHAIN_ID, verifier.getContractAddress()));
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        BigInteger highS = n.subtract(new BigInteger(1, Hex.decode(a.signature().s())));

        assertThatThrownBy(() -> verifier.recoverAttester(
                                message(a),
                                BigInteger.valueOf(a.signature().v() == 27 ? 28 : 27),
                                Hex.decode(a.signature().r()),
                                org.web3j.utils.Numeric.toBytesPadded(highS, 32))
                        .send())
                .isInstanceOf(Exception.class);
    }
}
