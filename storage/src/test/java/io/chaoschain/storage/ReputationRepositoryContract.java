package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.RankedAgent;
import io.chaoschain.reputation.service.AttestationEntry;
import io.chaoschain.reputation.service.ContributionFact;
import io.chaoschain.reputation.service.FeedbackRevoked;
import io.chaoschain.reputation.service.NewFeedback;
import io.chaoschain.reputation.service.ReputationCounts;
import io.chaoschain.reputation.service.ReputationRepository;
import io.chaoschain.reputation.service.ScoreRow;
import io.chaoschain.reputation.service.ScoreSnapshot;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReputationRepository} must do, run against each database the node supports (subclasses open H2
 * or PostgreSQL).
 */
abstract class ReputationRepositoryContract {
    static final Domain DEVNET = new Domain("31337", "governance");
    static final Domain MAINNET = new Domain("1", "governance");
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    protected final StubTimeProvider clock = StubTimeProvider.startingAt(T0);
    protected Database db;
    protected ReputationRepository repo;

    /** A freshly migrated, empty database. */
    protected abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        repo = db.stores().reputation();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static AttestationEntry attestation(int n, String agent, Domain domain, String kind, long value) {
        return new AttestationEntry(
                "0x" + String.format("%064x", n),
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                agent,
                "0x" + "ab".repeat(32),
                T0.plusSeconds(n),
                kind,
                domain,
                "0x" + "cd".repeat(32),
                BigInteger.valueOf(value),
                2,
                "{\"n\":" + n + "}");
    }

    /** Feedback on chain 31337 for {@code agent} ({@code 31337:N}). */
    static NewFeedback feedback(String tx, int logIndex, String agent, String client, long index, long value) {
        return new NewFeedback(
                31337,
                tx,
                logIndex,
                agentId(agent),
                client,
                index,
                BigInteger.valueOf(value),
                0,
                "quality",
                "",
                "0x" + "fb".repeat(32),
                T0.plusSeconds(100 + logIndex));
    }

    static FeedbackRevoked revocation(String tx, String agent, String client, long index, Instant at) {
        return new FeedbackRevoked(31337, tx, 0, agentId(agent), client, index, at);
    }

    private static BigInteger agentId(String agentKey) {
        return new BigInteger(agentKey.substring(agentKey.indexOf(':') + 1));
    }

    static String tx(int n) {
        return "0x" + String.format("%064x", 1_000_000 + n);
    }

    @Test
    void shouldReportTheNewestEventTimeAcrossAttestationsAndFeedback() {
        assertThat(repo.latestEventTime()).isEmpty();
        repo.appendAttestation(attestation(7, "31337:1", DEVNET, "proposal.drafted", 0));
        assertThat(repo.latestEventTime()).contains(T0.plusSeconds(7));
        repo.appendFeedback(feedback(tx(1), 5, "31337:1", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", 1, 90), DEVNET);
        assertThat(repo.latestEventTime()).contains(T0.plusSeconds(105));
        repo.appendAttestation(attestation(300, "31337:2", DEVNET, "proposal.drafted", 0));
        assertThat(repo.latestEventTime()).contains(T0.plusSeconds(300));
    }

    @Test
    void shouldStoreAnAttestationOnceAndIgnoreTheSameUidAgain() {
        AttestationEntry first = attestation(1, "31337:1", DEVNET, "proposal.executed", 0);

        assertThat(repo.appendAttestation(first)).isTrue();
        assertThat(repo.appendAttestation(first)).isFalse();

        assertThat(repo.counts()).isEqualTo(new ReputationCounts(1, 0, 0));
        assertThat(repo.attestation(first.uid())).contains(first);
    }

    @Test
    void shouldReadBackEveryColumnOfAnAttestationIncludingLargeNegativeValues() {
        AttestationEntry entry = new AttestationEntry(
                "0x" + "0F".repeat(32),
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                "0x0000000000000000000000000000000000000000",
                "1:99",
                "0x" + "ab".repeat(32),
                T0,
                "metric.outcome",
                MAINNET,
                "0x" + "11".repeat(32),
                BigInteger.ONE.shiftLeft(200).negate(),
                18,
                "{\"sig\":{}}");

        repo.appendAttestation(entry);

        AttestationEntry read = repo.attestation("0x" + "0f".repeat(32)).orElseThrow();
        assertThat(read).isEqualTo(entry);
        assertThat(read.value()).isEqualTo(BigInteger.ONE.shiftLeft(200).negate());
    }

    @Test
    void shouldListAnAgentsAttestationsNewestFirst() {
        repo.appendAttestation(attestation(1, "31337:1", DEVNET, "proposal.drafted", 0));
        repo.appendAttestation(attestation(3, "31337:1", DEVNET, "proposal.executed", 0));
        repo.appendAttestation(attestation(2, "31337:2", DEVNET, "proposal.drafted", 0));

        assertThat(repo.attestationsOf("31337:1", 10))
                .extracting(AttestationEntry::kind)
                .containsExactly("proposal.executed", "proposal.drafted");
        assertThat(repo.attestationsOf("31337:1", 1)).hasSize(1);
        assertThat(repo.attestationCount("31337:1")).isEqualTo(2);
        assertThat(repo.attestationCount("31337:9")).isZero();
    }

    @Test
    void shouldStreamContributionsWithTheirDomainKindAndTime() {
        repo.appendAttestation(attestation(1, "31337:1", DEVNET, "proposal.executed", 0));
        repo.appendAttestation(attestation(2, "1:7", MAINNET, "metric.outcome", -5));

        List<ContributionFact> facts = new ArrayList<>();
        repo.forEachContribution(facts::add);

        assertThat(facts)
                .containsExactlyInAnyOrder(
                        new ContributionFact(
                                "0x" + String.format("%064x", 1),
                                "31337:1",
                                DEVNET,
                                "proposal.executed",
                                BigInteger.ZERO,
                                2,
                                T0.plusSeconds(1)),
                        new ContributionFact(
                                "0x" + String.format("%064x", 2),
                                "1:7",
                                MAINNET,
                                "metric.outcome",
                                BigInteger.valueOf(-5),
                                2,
                                T0.plusSeconds(2)));
    }

    @Test
    void shouldStoreAChainFeedbackLogOnceWhateverTheReplays() {
        NewFeedback entry = feedback(tx(1), 3, "31337:1", "0xAbCdEf0000000000000000000000000000000001", 1, 90);

        assertThat(repo.appendFeedback(entry, DEVNET)).isTrue();
        assertThat(repo.appendFeedback(entry, DEVNET)).isFalse();
        // another log of the same transaction is another event
        assertThat(repo.appendFeedback(
                        feedback(tx(1), 4, "31337:1", "0xabcdef0000000000000000000000000000000001", 2, 80), DEVNET))
                .isTrue();

        assertThat(repo.counts().feedback()).isEqualTo(2);
    }

    @Test
    void shouldMarkFeedbackRevokedOnlyWhenItsOwnEntryIsRevoked() {
        String client = "0xabcdef0000000000000000000000000000000001";
        repo.appendFeedback(feedback(tx(1), 0, "31337:1", client, 1, 90), DEVNET);
        repo.appendFeedback(feedback(tx(2), 0, "31337:1", client, 2, 10), DEVNET);
        repo.appendFeedback(feedback(tx(3), 0, "31337:2", client, 1, 70), DEVNET);
        FeedbackRevoked revocation = revocation(tx(4), "31337:1", client, 2, T0.plusSeconds(500));

        assertThat(repo.appendRevocation(revocation)).isTrue();
        assertThat(repo.appendRevocation(revocation)).isFalse();

        List<FeedbackEvent> events = new ArrayList<>();
        repo.forEachFeedback(events::add);
        assertThat(events)
                .extracting(FeedbackEvent::agentId, e -> e.value().intValue(), FeedbackEvent::revoked)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("31337:1", 90, false),
                        org.assertj.core.groups.Tuple.tuple("31337:1", 10, true),
                        org.assertj.core.groups.Tuple.tuple("31337:2", 70, false));
        assertThat(events.getFirst().reviewer()).isEqualTo(client);
        assertThat(events.getFirst().domain()).isEqualTo(DEVNET);
        assertThat(repo.counts()).isEqualTo(new ReputationCounts(0, 3, 1));
    }

    @Test
    void shouldApplyARevocationThatArrivedBeforeItsFeedback() {
        String client = "0xabcdef0000000000000000000000000000000001";
        repo.appendRevocation(revocation(tx(9), "31337:1", client, 1, T0));
        repo.appendFeedback(feedback(tx(1), 0, "31337:1", client, 1, 90), DEVNET);

        List<FeedbackEvent> events = new ArrayList<>();
        repo.forEachFeedback(events::add);
        assertThat(events).singleElement().extracting(FeedbackEvent::revoked).isEqualTo(true);
    }

    @Test
    void shouldReplaceAReviewerLinkAndKeyItByLowerCaseAddress() {
        repo.linkReviewer("0xAbCdEf0000000000000000000000000000000001", "31337:1");
        repo.linkReviewer("0xabcdef0000000000000000000000000000000001", "31337:2");
        repo.linkReviewer("0x0000000000000000000000000000000000000002", "31337:3");

        assertThat(repo.reviewerAgents())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "0xabcdef0000000000000000000000000000000001", "31337:2",
                        "0x0000000000000000000000000000000000000002", "31337:3"));
    }

    @Test
    void shouldRankAgentsByScoreWithTiesByIdAndReplaceScoresAsAWhole() {
        assertThat(repo.scoresGeneration()).isEqualTo(OptionalLong.empty());
        repo.saveScores(
                1,
                T0,
                List.of(
                        row("31337:1", DEVNET, "5.000000001"),
                        row("31337:2", DEVNET, "7.5"),
                        row("31337:3", DEVNET, "5.000000001"),
                        row("31337:1", MAINNET, "3")),
                List.of());

        assertThat(repo.leaderboard(DEVNET, 10))
                .containsExactly(
                        ranked("31337:2", "7.5"), ranked("31337:1", "5.000000001"), ranked("31337:3", "5.000000001"));
        assertThat(repo.leaderboard(DEVNET, 1)).containsExactly(ranked("31337:2", "7.5"));
        assertThat(repo.overallLeaderboard(2))
                .containsExactly(ranked("31337:1", "8.000000001"), ranked("31337:2", "7.5"));
        assertThat(repo.scoresOf("31337:1"))
                .containsExactly(row("31337:1", MAINNET, "3"), row("31337:1", DEVNET, "5.000000001"));

        repo.saveScores(2, T0.plusSeconds(60), List.of(row("31337:3", DEVNET, "1")), List.of());

        assertThat(repo.leaderboard(DEVNET, 10)).containsExactly(ranked("31337:3", "1"));
        assertThat(repo.scoresOf("31337:1")).isEmpty();
        assertThat(repo.scoresGeneration()).hasValue(2);
    }

    @Test
    void shouldKeepScoreHistoryInOrderPerDomainAndLimitToTheLatest() {
        repo.saveScores(1, T0, List.of(), List.of(row("31337:1", DEVNET, "1"), row("31337:1", MAINNET, "10")));
        clock.advance(Duration.ofMinutes(1));
        repo.saveScores(2, T0.plusSeconds(60), List.of(), List.of(row("31337:1", DEVNET, "2")));
        repo.saveScores(
                3, T0.plusSeconds(120), List.of(), List.of(row("31337:1", DEVNET, "3"), row("31337:2", DEVNET, "9")));

        assertThat(repo.history("31337:1", DEVNET, 10))
                .extracting(s -> s.score().stripTrailingZeros().toPlainString(), ScoreSnapshot::generation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", 1L),
                        org.assertj.core.groups.Tuple.tuple("2", 2L),
                        org.assertj.core.groups.Tuple.tuple("3", 3L));
        assertThat(repo.history("31337:1", null, 10)).hasSize(4);
        assertThat(repo.history("31337:1", DEVNET, 2))
                .extracting(ScoreSnapshot::generation)
                .containsExactly(2L, 3L);
        assertThat(repo.history("31337:1", DEVNET, 1).getFirst().computedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(repo.history("nobody", null, 10)).isEmpty();
    }

    @Test
    void shouldStreamMoreRowsThanOneFetch() throws java.sql.SQLException {
        // the fetch size is 10,000: a log larger than that must arrive whole, in one pass
        int n = 12_345;
        try (java.sql.Connection c = db.dataSource().getConnection();
                java.sql.PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO reputation_feedback (chain_id, tx_hash, log_index, agent_id, client, feedback_index, amount,"
                                + " value_decimals, tag1, tag2, chain, area, given_at) VALUES (31337, ?, 0, ?, ?, ?, ?, 0, '', '',"
                                + " '31337', 'governance', ?)")) {
            for (int i = 0; i < n; i++) {
                insert.setString(1, tx(i));
                insert.setString(2, "31337:" + (i % 50));
                insert.setString(3, "0x" + String.format("%040x", i % 300));
                insert.setLong(4, i);
                insert.setBigDecimal(5, BigDecimal.valueOf(i % 100));
                insert.setObject(6, java.time.OffsetDateTime.ofInstant(T0, java.time.ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long[] seen = new long[1];
        repo.forEachFeedback(e -> seen[0]++);
        assertThat(seen[0]).isEqualTo(n);
    }

    static ScoreRow row(String agent, Domain domain, String score) {
        return new ScoreRow(agent, domain, new BigDecimal(score).setScale(9));
    }

    static RankedAgent ranked(String agent, String score) {
        return new RankedAgent(agent, new BigDecimal(score).setScale(9));
    }
}
