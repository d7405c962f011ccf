package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationSigner;
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

class ReputationCommandTest {
    @TempDir
    Path dir;

    final Credentials key = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    OffchainAttestation signed() {
        var record = new ContributionRecord(
                BigInteger.ONE,
                "devnet",
                ContributionKind.values()[0],
                "0x" + "ab".repeat(32),
                BigInteger.valueOf(8851),
                4,
                "0x" + "cd".repeat(32));
        var request = record.toRequest(
                ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true),
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                1_700_000_000L);
        return new AttestationSigner(EasDomain.of("1.3.0", 31337, "0x00000000000000000000000000000000000000e5"), key)
                .sign(request);
    }

    @Test
    void shouldAcceptAnAttestationItsSignerSignedAndDecodeTheContribution() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), AttestationJson.write(signed()));
        CliRun run = CliRun.of("reputation", "verify", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("VALID", key.getAddress().substring(2, 10))
                .contains("agent 1 on devnet");
    }

    @Test
    void shouldRejectATamperedAttestationWithExitOne() throws Exception {
        String json = AttestationJson.write(signed());
        String tampered = json.replaceAll("(\"time\"\\s*:\\s*)1700000000", "$11700000001");
        assertThat(tampered).isNotEqualTo(json);
        Path file = Files.writeString(dir.resolve("b.json"), tampered);
        CliRun run = CliRun.of("reputation", "verify", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("INVALID");
    }

    @Test
    void shouldNameAMissingFile() {
        CliRun run = CliRun.of("reputation", "verify", dir.resolve("none.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines())
                .containsExactly("error: attestation file " + dir.resolve("none.json") + " not found");
    }
}
