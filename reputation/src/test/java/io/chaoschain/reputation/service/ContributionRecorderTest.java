package io.chaoschain.reputation.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class ContributionRecorderTest {
    /** Keeps what it is given, as the node's reputation service would, deduplicating by UID. */
    static final class RecordingSink implements ReputationSink {
        private final java.util.Map<String, OffchainAttestation> byUid = new java.util.LinkedHashMap<>();

        @Override
        public void record(OffchainAttestation attestation) {
            byUid.putIfAbsent(attestation.uid(), attestation);
        }

        @Override
        public void recordFeedback(NewFeedback feedback) {}

        @Override
        public void recordRevocation(FeedbackRevoked revocation) {}

        java.util.List<OffchainAttestation> attestations() {
            return java.util.List.copyOf(byUid.values());
        }
    }

    /** A well-known development key (the third default devnet account), so the test needs no devnet. */
    private static final Credentials OPERATOR =
            Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    @TempDir
    Path dir;

    private final AttestationSigner signer =
            new AttestationSigner(EasDomain.of("1.3.0", 31337, "0x00000000000000000000000000000000000000b6"), OPERATOR);
    private final String recipient = OPERATOR.getAddress();

    private static ContributionRecord record(ContributionKind kind, long value) {
        return new ContributionRecord(
                BigInteger.ONE,
                "eip155:31337",
                kind,
                "0x" + "0a".repeat(32),
                BigInteger.valueOf(value),
                0,
                "0x" + "0b".repeat(32));
    }

    @Test
    void shouldWriteAVerifiableFileNamedByTheUidAndPassItToTheSink() throws Exception {
        RecordingSink ledger = new RecordingSink();
        var recorder = new ContributionRecorder(new AttestationArchive(dir), ledger, TimeProvider.system());

        OffchainAttestation a =
                recorder.record(signer, record(ContributionKind.PROPOSAL_SUBMITTED, 0), recipient, 1_700_000_000);

        Path file = dir.resolve(a.uid() + ".json");
        OffchainAttestation read = AttestationJson.read(Files.readString(file));
        assertThat(read).isEqualTo(a);
        assertThat(new AttestationVerifier(TimeProvider.system()).verify(read).valid())
                .isTrue();
        assertThat(a.time()).isEqualTo(1_700_000_000);
        assertThat(ledger.attestations()).containsExactly(a);
    }

    @Test
    void shouldGiveTheSameEventTheSameUidSoARerunStoresNothingNew() {
        RecordingSink ledger = new RecordingSink();
        var archive = new AttestationArchive(dir);
        var first = new ContributionRecorder(archive, ledger, TimeProvider.system())
                .record(signer, record(ContributionKind.PROPOSAL_EXECUTED, 0), recipient, 1_700_000_100);
        // a new recorder, as after a restart
        var again = new ContributionRecorder(archive, ledger, TimeProvider.system())
                .record(signer, record(ContributionKind.PROPOSAL_EXECUTED, 0), recipient, 1_700_000_100);

        assertThat(again).isEqualTo(first);
        assertThat(archive.readAll()).hasSize(1);
        assertThat(ledger.attestations()).hasSize(1);
    }

    @Test
    void shouldGiveDifferentEventsDifferentUids() {
        var recorder =
                new ContributionRecorder(new AttestationArchive(dir), new RecordingSink(), TimeProvider.system());
        var a = recorder.record(signer, record(ContributionKind.METRIC_OUTCOME, 5), recipient, 1_700_000_100);
        var b = recorder.record(signer, record(ContributionKind.METRIC_OUTCOME, 6), recipient, 1_700_000_100);
        var c = recorder.record(signer, record(ContributionKind.METRIC_OUTCOME, 5), recipient, 1_700_000_101);

        assertThat(java.util.Set.of(a.uid(), b.uid(), c.uid())).hasSize(3);
    }
}
