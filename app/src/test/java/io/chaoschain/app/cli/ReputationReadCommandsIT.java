package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.NewFeedback;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** {@code reputation profile|history|leaderboard} read what a node recorded in its data directory. */
class ReputationReadCommandsIT {
    @TempDir
    Path dataDir;

    @BeforeEach
    void recordSomeReputation() {
        AttestationSigner signer = new AttestationSigner(
                EasDomain.of("1.3.0", 31337, "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13"),
                Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
                new SplittableRandom(5));
        long now = Instant.now().getEpochSecond();
        try (Database db = Database.open(dataDir)) {
            ReputationService service =
                    new ReputationService(db.stores().reputation(), new InMemoryScoreCache(), TimeProvider.system());
            int subject = 0;
            for (long agent : new long[] {1, 2, 2}) {
                ContributionRecord record = new ContributionRecord(
                        BigInteger.valueOf(agent),
                        "eip155:31337",
                        ContributionKind.PROPOSAL_EXECUTED,
                        "0x" + String.format("%064x", ++subject),
                        BigInteger.ZERO,
                        0,
                        "0x" + "ee".repeat(32));
                service.record(signer.sign(record.toRequest(
                        ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true),
                        AttestationRequest.ZERO_ADDRESS,
                        now - 60)));
            }
            service.recordFeedback(new NewFeedback(
                    31337,
                    "0x" + "12".repeat(32),
                    0,
                    BigInteger.ONE,
                    "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                    1,
                    BigInteger.valueOf(90),
                    0,
                    "",
                    "",
                    "0x" + "fb".repeat(32),
                    Instant.ofEpochSecond(now - 30)));
        }
    }

    @Test
    void shouldPrintTheLeaderboardBestFirst() {
        CliRun run = CliRun.of(
                "reputation", "leaderboard", "--data-dir", dataDir.toString(), "--domain", "31337/governance");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("leaderboard 31337/governance");
        assertThat(run.out().indexOf("31337:2")).isLessThan(run.out().indexOf("31337:1"));
    }

    @Test
    void shouldPrintTheLeaderboardAsJsonWithALimit() throws Exception {
        CliRun run = CliRun.of(
                "reputation", "leaderboard", "--data-dir", dataDir.toString(), "--limit", "1", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode board = Json.mapper().readTree(run.out());
        assertThat(board.path("domain").asText()).isEqualTo("all");
        assertThat(board.path("entries")).hasSize(1);
        assertThat(board.path("entries").get(0).path("agentId").asText()).isEqualTo("31337:2");
    }

    @Test
    void shouldPrintAProfileWithItsBreakdown() throws Exception {
        CliRun text = CliRun.of("reputation", "profile", "31337:1", "--data-dir", dataDir.toString());
        CliRun json =
                CliRun.of("reputation", "profile", "31337:1", "--data-dir", dataDir.toString(), "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("agent 31337:1", "31337/governance", "EXECUTED", "FEEDBACK");
        JsonNode profile = Json.mapper().readTree(json.out());
        assertThat(profile.path("domains").get(0).path("feedback").path("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void shouldPrintTheScoreHistory() {
        CliRun run = CliRun.of("reputation", "history", "31337:2", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.contains("31337/governance")))
                .hasSize(2);
    }

    @Test
    void shouldRejectABadDomainOrLimitNamingTheFlag() {
        CliRun domain = CliRun.of("reputation", "leaderboard", "--data-dir", dataDir.toString(), "--domain", "a/b/c");
        CliRun limit = CliRun.of("reputation", "leaderboard", "--data-dir", dataDir.toString(), "--limit", "5000");

        assertThat(domain.exitCode()).isEqualTo(2);
        assertThat(domain.errorLines())
                .containsExactly("error: --domain must be CHAIN/AREA (e.g. 31337/governance) or 'all', got 'a/b/c'");
        assertThat(limit.errorLines()).containsExactly("error: --limit must be between 1 and 1000, got 5000");
    }
}
