package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.scoring.ContributionEvent;
import io.chaoschain.reputation.scoring.CredRankReputationEngine;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.ReputationLog;
import io.chaoschain.reputation.scoring.ReputationScores;
import io.chaoschain.reputation.service.AgentProfile;
import io.chaoschain.reputation.service.FeedbackRevoked;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.InvalidAttestationException;
import io.chaoschain.reputation.service.Leaderboard;
import io.chaoschain.reputation.service.NewFeedback;
import io.chaoschain.reputation.service.Recorded;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.reputation.service.ScoreSnapshot;
import io.chaoschain.reputation.service.SignedContributions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the reputation service does on each store/cache combination the node supports. */
abstract class ReputationServiceContract {
    static final Domain DEVNET = new Domain("31337", "governance");
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String REVIEWER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    protected final StubTimeProvider clock = StubTimeProvider.startingAt(T0.plus(Duration.ofDays(1)));
    protected final SignedContributions attester = new SignedContributions();
    protected Database db;
    protected ScoreCache cache;
    protected ReputationService service;

    protected abstract Database openDatabase();

    protected abstract ScoreCache openCache();

    @BeforeEach
    void open() {
        db = openDatabase();
        cache = openCache();
        service = new ReputationService(db.stores().reputation(), cache, clock);
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private OffchainAttestation executed(long agent, long at) {
        return attester.sign(agent, ContributionKind.PROPOSAL_EXECUTED, 0, T0.getEpochSecond() + at);
    }

    @Test
    void shouldRecordAVerifiedAttestationAndRankItsAgent() {
        Recorded recorded = service.record(executed(1, 0));

        assertThat(recorded.stored()).isTrue();
        assertThat(recorded.agentId()).isEqualTo("31337:1");
        assertThat(recorded.domain()).isEqualTo("31337/governance");
        Leaderboard board = service.leaderboard(DEVNET, 10);
        assertThat(board.entries()).singleElement().satisfies(e -> {
            assertThat(e.agentId()).isEqualTo("31337:1");
            assertThat(e.rank()).isEqualTo(1);
            assertThat(e.score()).isPositive();
        });
        assertThat(db.stores().reputation().attestation(recorded.uid())).isPresent();
    }

    @Test
    void shouldIgnoreAnAttestationRecordedTwice() {
        OffchainAttestation a = executed(1, 0);
        service.record(a);
        long generation = db.stores().reputation().scoresGeneration().orElseThrow();

        Recorded again = service.record(AttestationJson.write(a));

        assertThat(again.stored()).isFalse();
        assertThat(db.stores().reputation().counts().attestations()).isEqualTo(1);
        assertThat(db.stores().reputation().scoresGeneration()).hasValue(generation);
    }

    @Test
    void shouldRejectAnAttestationChangedAfterSigningWithAClearReason() {
        OffchainAttestation signed = executed(1, 0);
        String json =
                AttestationJson.write(signed).replace(signed.recipient(), "0x0000000000000000000000000000000000000001");

        assertThatThrownBy(() -> service.record(json))
                .isInstanceOf(InvalidAttestationException.class)
                .hasMessageContaining("is invalid: UID_MISMATCH");
        assertThat(db.stores().reputation().counts().total()).isZero();
    }

    @Test
    void shouldRejectMalformedJsonNamingTheField() {
        assertThatThrownBy(() -> service.record("{\"sig\": {}, \"signer\": \"0x1\"}"))
                .isInstanceOf(InvalidAttestationException.class)
                .hasMessageStartingWith("error: sig.message");
        assertThatThrownBy(() -> service.record("not json"))
                .isInstanceOf(InvalidAttestationException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseSignersOutsideTheTrustedAttesters() {
        ReputationService strict = new ReputationService(
                db.stores().reputation(),
                cache,
                new CredRankReputationEngine(),
                clock,
                Set.of(new SignedContributions(SignedContributions.OTHER, 1).signer()));

        assertThatThrownBy(() -> strict.record(executed(1, 0)))
                .isInstanceOf(InvalidAttestationException.class)
                .hasMessageContaining("not one of the trusted attesters");
    }

    @Test
    void shouldScoreExactlyLikeTheEngineOnTheSameLog() {
        service.record(executed(1, 0));
        service.record(attester.sign(1, ContributionKind.METRIC_OUTCOME, 25, T0.getEpochSecond() + 10));
        service.record(attester.sign(2, ContributionKind.METRIC_OUTCOME, -3, T0.getEpochSecond() + 20));
        service.record(attester.sign(2, ContributionKind.VALIDATION_GIVEN, 0, T0.getEpochSecond() + 30));
        service.recordFeedback(feedback(1, 2, 1, 95));
        service.linkReviewer(REVIEWER, "31337:3");

        Instant asOf = clock.now();
        ReputationScores expected = new CredRankReputationEngine()
                .score(
                        new ReputationLog(
                                List.of(
                                        new ContributionEvent(
                                                "31337:1",
                                                DEVNET,
                                                io.chaoschain.reputation.scoring.ScoringKind.EXECUTED,
                                                T0),
                                        new ContributionEvent(
                                                "31337:1",
                                                DEVNET,
                                                io.chaoschain.reputation.scoring.ScoringKind.OUTCOME_IMPROVED,
                                                T0.plusSeconds(10)),
                                        new ContributionEvent(
                                                "31337:2",
                                                DEVNET,
                                                io.chaoschain.reputation.scoring.ScoringKind.OUTCOME_WORSENED,
                                                T0.plusSeconds(20))),
                                List.of(new FeedbackEvent(
                                        REVIEWER,
                                        "31337:2",
                                        DEVNET,
                                        BigInteger.valueOf(95),
                                        0,
                                        T0.plusSeconds(100),
                                        false)),
                                Map.of(REVIEWER, "31337:3")),
                        asOf);

        assertThat(service.leaderboard(DEVNET, 10).entries())
                .extracting(Leaderboard.Entry::agentId, Leaderboard.Entry::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("31337:1", expected.score("31337:1", DEVNET)),
                        org.assertj.core.groups.Tuple.tuple("31337:2", expected.score("31337:2", DEVNET)));
    }

    @Test
    void shouldGiveTheSameScoresWhenRebuiltFromTheStoredLog() {
        service.record(executed(1, 0));
        service.record(executed(2, 5));
        service.recordFeedback(feedback(1, 1, 1, 80));
        Leaderboard before = service.leaderboardUncached(DEVNET, 10);

        ReputationService.RebuildResult rebuilt = service.rebuild();
        ReputationService fresh = new ReputationService(db.stores().reputation(), new InMemoryScoreCache(), clock);
        fresh.rebuild();

        assertThat(rebuilt.scores()).isEqualTo(2);
        assertThat(fresh.leaderboardUncached(DEVNET, 10).entries()).isEqualTo(before.entries());
    }

    @Test
    void shouldDropRevokedFeedbackFromTheScore() {
        service.record(executed(1, 0));
        service.recordFeedback(feedback(1, 1, 1, 100));
        BigDecimal praised = service.leaderboard(DEVNET, 1).entries().getFirst().score();

        boolean stored = service.recordRevocation(
                new FeedbackRevoked(31337, tx(99), 0, BigInteger.ONE, REVIEWER, 1, T0.plusSeconds(200)));

        assertThat(stored).isTrue();
        BigDecimal afterRevocation =
                service.leaderboard(DEVNET, 1).entries().getFirst().score();
        assertThat(afterRevocation).isLessThan(praised);
        assertThat(service.recordRevocation(
                        new FeedbackRevoked(31337, tx(99), 0, BigInteger.ONE, REVIEWER, 1, T0.plusSeconds(200))))
                .isFalse();
    }

    @Test
    void shouldServeANewLeaderboardAsSoonAsAnAttestationIsRecorded() {
        service.record(executed(1, 0));
        assertThat(service.leaderboard(DEVNET, 10).entries()).hasSize(1); // now cached

        service.record(executed(2, 0));
        service.record(executed(2, 1));

        assertThat(service.leaderboard(DEVNET, 10).entries())
                .extracting(Leaderboard.Entry::agentId)
                .containsExactly("31337:2", "31337:1");
    }

    @Test
    void shouldExplainAProfileByKindAndFeedback() {
        service.record(executed(1, 0));
        service.record(executed(1, 1));
        service.record(attester.sign(1, ContributionKind.METRIC_OUTCOME, 7, T0.getEpochSecond() + 2));
        service.record(executed(2, 0));
        service.recordFeedback(feedback(1, 1, 1, 90));

        AgentProfile profile = service.profile("31337:1");

        assertThat(profile.attestations()).isEqualTo(3);
        assertThat(profile.domains()).singleElement().satisfies(d -> {
            assertThat(d.domain()).isEqualTo("31337/governance");
            assertThat(d.rank()).isEqualTo(1);
            assertThat(d.contributions()).containsOnlyKeys("EXECUTED", "OUTCOME_IMPROVED");
            assertThat(d.contributions().get("EXECUTED").count()).isEqualTo(2);
            assertThat(d.feedback().count()).isEqualTo(1);
            assertThat(d.feedback().reviewers()).isEqualTo(1);
            BigDecimal parts = d.contributions().values().stream()
                    .map(AgentProfile.Part::points)
                    .reduce(d.feedback().points(), BigDecimal::add);
            assertThat(parts).isEqualByComparingTo(d.score());
        });
        assertThat(profile.total())
                .isEqualByComparingTo(profile.domains().getFirst().score());
        assertThat(service.profile("31337:1")).isEqualTo(profile); // from the cache, same value
        assertThat(service.profile("31337:404").domains()).isEmpty();
    }

    @Test
    void shouldRecordScoreHistoryForTheAgentAnEventWasAbout() {
        service.record(executed(1, 0));
        clock.advance(Duration.ofHours(1));
        service.record(executed(1, 60));
        service.record(executed(2, 60));

        List<ScoreSnapshot> history = service.history("31337:1", DEVNET);
        assertThat(history).hasSize(2);
        assertThat(history.get(1).score()).isGreaterThan(history.get(0).score());
        assertThat(history.get(1).computedAt())
                .isEqualTo(history.get(0).computedAt().plus(Duration.ofHours(1)));
        assertThat(service.history("31337:2", null)).hasSize(1);
    }

    @Test
    void shouldLetScoresDecayOnRefreshWithoutAddingHistory() {
        service.record(executed(1, 0));
        BigDecimal fresh = service.leaderboard(DEVNET, 1).entries().getFirst().score();
        clock.advance(Duration.ofDays(90)); // one half-life

        service.refresh();

        BigDecimal decayed = service.leaderboard(DEVNET, 1).entries().getFirst().score();
        assertThat(decayed).isLessThan(fresh);
        assertThat(decayed.doubleValue()).isCloseTo(fresh.doubleValue() / 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(service.history("31337:1", DEVNET)).hasSize(1);
    }

    @Test
    void shouldRankOverAllDomainsWhenNoDomainIsGiven() {
        service.record(executed(1, 0));
        service.recordFeedback(new NewFeedback(
                1, tx(5), 0, BigInteger.TWO, REVIEWER, 1, BigInteger.valueOf(90), 0, "", "", FEEDBACK_HASH, T0));

        assertThat(service.leaderboard(null, 10).domain()).isEqualTo(Leaderboard.ALL);
        assertThat(service.leaderboard(null, 10).entries())
                .extracting(Leaderboard.Entry::agentId)
                .containsExactlyInAnyOrder("31337:1", "1:2");
        assertThatThrownBy(() -> service.leaderboard(null, 0)).hasMessageContaining("limit must be between 1 and 1000");
    }

    static NewFeedback feedback(int n, long agent, long index, long value) {
        return new NewFeedback(
                31337,
                tx(n),
                0,
                BigInteger.valueOf(agent),
                REVIEWER,
                index,
                BigInteger.valueOf(value),
                0,
                "quality",
                "",
                FEEDBACK_HASH,
                T0.plusSeconds(100));
    }

    static final String FEEDBACK_HASH = "0x" + "fb".repeat(32);

    static String tx(int n) {
        return "0x" + String.format("%064x", 5_000 + n);
    }
}
