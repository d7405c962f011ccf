package io.chaoschain.reputation.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredRankReputationEngineTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Domain RISK = Domain.of("31337", "risk-parameters");
    private static final Domain TREASURY = Domain.of("31337", "treasury");
    private static final String TARGET = "agent-target";

    private final CredRankReputationEngine engine = new CredRankReputationEngine();

    private static ContributionEvent contribution(String agent, Domain domain, ScoringKind kind, Duration ago) {
        return new ContributionEvent(agent, domain, kind, NOW.minus(ago));
    }

    private static FeedbackEvent praise(String reviewer, String agent, Domain domain) {
        return FeedbackEvent.of(reviewer, agent, domain, 100, NOW.minus(Duration.ofDays(1)));
    }

    /** The target's own modest record, and three agents with a strong record whose addresses review. */
    private static List<ContributionEvent> baseRecord() {
        List<ContributionEvent> events = new ArrayList<>();
        events.add(contribution(TARGET, RISK, ScoringKind.SUBMITTED, Duration.ofDays(10)));
        for (int i = 0; i < 3; i++) {
            String agent = "agent-established-" + i;
            events.add(contribution(agent, RISK, ScoringKind.EXECUTED, Duration.ofDays(20)));
            events.add(contribution(agent, RISK, ScoringKind.OUTCOME_IMPROVED, Duration.ofDays(20)));
        }
        return events;
    }

    private static Map<String, String> establishedOwners() {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            owners.put("0xEstablished" + i, "agent-established-" + i);
        }
        return owners;
    }

    @Test
    void shouldLetThreeEstablishedReviewersMoveAScoreMoreThanFiftyFreshOnes() {
        BigDecimal before = engine.score(new ReputationLog(baseRecord(), List.of(), establishedOwners()), NOW)
                .score(TARGET, RISK);

        List<FeedbackEvent> sybils = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sybils.add(praise("0xsybil" + i, TARGET, RISK));
        }
        BigDecimal withSybils = engine.score(new ReputationLog(baseRecord(), sybils, establishedOwners()), NOW)
                .score(TARGET, RISK);

        List<FeedbackEvent> established = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            established.add(praise("0xEstablished" + i, TARGET, RISK));
        }
        BigDecimal withEstablished = engine.score(
                        new ReputationLog(baseRecord(), established, establishedOwners()), NOW)
                .score(TARGET, RISK);

        BigDecimal sybilGain = withSybils.subtract(before);
        BigDecimal establishedGain = withEstablished.subtract(before);
        assertThat(sybilGain).isPositive();
        assertThat(establishedGain).isGreaterThan(sybilGain);
    }

    @Test
    void shouldBoundWhatASybilClusterGainsHoweverManyAddressesItUses() {
        BigDecimal fifty = scoreWithSybils(50);
        BigDecimal fiveHundred = scoreWithSybils(500);
        BigDecimal before = scoreWithSybils(0);
        // ten times the addresses buy far less than ten times the gain
        assertThat(fiveHundred.subtract(before))
                .isLessThan(fifty.subtract(before).multiply(BigDecimal.valueOf(2)));
    }

    private BigDecimal scoreWithSybils(int count) {
        List<FeedbackEvent> sybils = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sybils.add(praise("0xsybil" + i, TARGET, RISK));
        }
        return engine.score(new ReputationLog(baseRecord(), sybils, establishedOwners()), NOW)
                .score(TARGET, RISK);
    }

    @Test
    void shouldHalveAContributionsWeightAfterOneHalfLife() {
        Duration halfLife = Duration.ofDays(30);
        CredRankReputationEngine decaying =
                new CredRankReputationEngine(ScoringConfig.defaults().withHalfLife(halfLife));
        ReputationScores fresh = decaying.score(
                ReputationLog.of(List.of(contribution("a", RISK, ScoringKind.ACCEPTED, Duration.ZERO)), List.of()),
                NOW);
        ReputationScores old = decaying.score(
                ReputationLog.of(List.of(contribution("a", RISK, ScoringKind.ACCEPTED, halfLife)), List.of()), NOW);
        ReputationScores older = decaying.score(
                ReputationLog.of(
                        List.of(contribution("a", RISK, ScoringKind.ACCEPTED, halfLife.multipliedBy(2))), List.of()),
                NOW);

        assertThat(old.score("a", RISK))
                .isEqualByComparingTo(fresh.score("a", RISK).divide(BigDecimal.TWO));
        assertThat(older.score("a", RISK))
                .isEqualByComparingTo(fresh.score("a", RISK).divide(BigDecimal.valueOf(4)));
        assertThat(old.explain("a", RISK).terms())
                .singleElement()
                .satisfies(term -> assertThat(term.decay()).isEqualByComparingTo("0.5"));
    }

    @Test
    void shouldRankExecutedAndImprovedAboveAcceptedAboveSubmitted() {
        ReputationScores scores = engine.score(
                ReputationLog.of(
                        List.of(
                                contribution("executed", RISK, ScoringKind.EXECUTED, Duration.ofDays(1)),
                                contribution("executed", RISK, ScoringKind.OUTCOME_IMPROVED, Duration.ofDays(1)),
                                contribution("accepted", RISK, ScoringKind.ACCEPTED, Duration.ofDays(1)),
                                contribution("submitted", RISK, ScoringKind.SUBMITTED, Duration.ofDays(1))),
                        List.of()),
                NOW);

        assertThat(scores.ranking(RISK))
                .extracting(RankedAgent::agentId)
                .containsExactly("executed", "accepted", "submitted");
    }

    @Test
    void shouldLowerTheScoreForWrongPredictions() {
        List<ContributionEvent> record = List.of(
                contribution("a", RISK, ScoringKind.EXECUTED, Duration.ofDays(5)),
                contribution("a", RISK, ScoringKind.VALIDATION_CONFIRMED, Duration.ofDays(5)));
        BigDecimal clean =
                engine.score(ReputationLog.of(record, List.of()), NOW).score("a", RISK);

        List<ContributionEvent> worsened = new ArrayList<>(record);
        worsened.add(contribution("a", RISK, ScoringKind.OUTCOME_WORSENED, Duration.ofDays(4)));
        List<ContributionEvent> contradicted = new ArrayList<>(record);
        contradicted.add(contribution("a", RISK, ScoringKind.VALIDATION_CONTRADICTED, Duration.ofDays(4)));

        assertThat(engine.score(ReputationLog.of(worsened, List.of()), NOW).score("a", RISK))
                .isLessThan(clean);
        assertThat(engine.score(ReputationLog.of(contradicted, List.of()), NOW).score("a", RISK))
                .isLessThan(clean);
    }

    @Test
    void shouldLowerTheScoreWhenATrustedReviewerComplains() {
        FeedbackEvent complaint = FeedbackEvent.of("0xEstablished0", TARGET, RISK, 0, NOW.minus(Duration.ofDays(1)));
        ReputationScores scores =
                engine.score(new ReputationLog(baseRecord(), List.of(complaint), establishedOwners()), NOW);
        BigDecimal before = engine.score(new ReputationLog(baseRecord(), List.of(), establishedOwners()), NOW)
                .score(TARGET, RISK);

        assertThat(scores.score(TARGET, RISK)).isLessThan(before);
    }

    @Test
    void shouldExplainEveryScoreWithTermsThatSumExactlyToIt() {
        List<FeedbackEvent> feedback = new ArrayList<>();
        feedback.add(praise("0xEstablished0", TARGET, RISK));
        feedback.add(new FeedbackEvent(
                "0xEstablished1", TARGET, RISK, BigInteger.valueOf(7312), 2, NOW.minus(Duration.ofDays(33)), false));
        feedback.add(praise("0xfresh", TARGET, RISK));
        feedback.add(FeedbackEvent.of("0xEstablished2", TARGET, RISK, 12, NOW.minus(Duration.ofDays(70))));
        ReputationScores scores = engine.score(new ReputationLog(baseRecord(), feedback, establishedOwners()), NOW);

        ScoreExplanation explanation = scores.explain(TARGET, RISK);
        assertThat(explanation.terms()).hasSize(5);
        assertThat(explanation.sumOfTerms()).isEqualTo(scores.score(TARGET, RISK));
        assertThat(explanation.terms())
                .filteredOn(ScoreTerm.Feedback.class::isInstance)
                .allSatisfy(term -> assertThat(term.value())
                        .isEqualByComparingTo(term.weight()
                                .multiply(term.decay())
                                .setScale(ReputationScores.SCALE, java.math.RoundingMode.HALF_UP)));
        for (String agent : scores.agents()) {
            assertThat(scores.explain(agent).sumOfTerms()).isEqualTo(scores.score(agent));
        }
    }

    @Test
    void shouldIgnoreRevokedFeedbackSelfReviewsAndEventsAfterTheAsOfTime() {
        Map<String, String> owners = new HashMap<>(establishedOwners());
        owners.put("0xtargetowner", TARGET);
        BigDecimal before = engine.score(new ReputationLog(baseRecord(), List.of(), owners), NOW)
                .score(TARGET, RISK);

        List<FeedbackEvent> ignored = List.of(
                praise("0xEstablished0", TARGET, RISK).revoke(),
                praise("0xtargetowner", TARGET, RISK),
                FeedbackEvent.of("0xEstablished1", TARGET, RISK, 100, NOW.plusSeconds(1)));
        List<ContributionEvent> record = new ArrayList<>(baseRecord());
        record.add(new ContributionEvent(TARGET, RISK, ScoringKind.OUTCOME_IMPROVED, NOW.plusSeconds(60)));

        ReputationScores scores = engine.score(new ReputationLog(record, ignored, owners), NOW);
        assertThat(scores.score(TARGET, RISK)).isEqualTo(before);
        assertThat(scores.explain(TARGET, RISK).terms()).hasSize(1);
    }

    @Test
    void shouldNotAddWeightWhenOneReviewerRepeatsItsReview() {
        ReputationScores once = engine.score(
                new ReputationLog(baseRecord(), List.of(praise("0xEstablished0", TARGET, RISK)), establishedOwners()),
                NOW);
        List<FeedbackEvent> spam = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            spam.add(praise("0xEstablished0", TARGET, RISK));
        }
        ReputationScores twenty = engine.score(new ReputationLog(baseRecord(), spam, establishedOwners()), NOW);

        assertThat(twenty.score(TARGET, RISK)).isEqualByComparingTo(once.score(TARGET, RISK));
    }

    @Test
    void shouldGrowAFreshReviewersTrustOnlyThroughEndorsementsFromTrustedNodes() {
        Map<String, String> owners = new HashMap<>(establishedOwners());
        owners.put("0xnewcomer", "agent-newcomer");
        List<FeedbackEvent> newcomerReviews = List.of(praise("0xnewcomer", TARGET, RISK));
        BigDecimal alone = engine.score(new ReputationLog(baseRecord(), newcomerReviews, owners), NOW)
                .reviewerTrust("0xnewcomer", RISK);

        List<FeedbackEvent> endorsed = new ArrayList<>(newcomerReviews);
        endorsed.add(praise("0xEstablished0", "agent-newcomer", RISK));
        endorsed.add(praise("0xEstablished1", "agent-newcomer", RISK));
        BigDecimal withEndorsement = engine.score(new ReputationLog(baseRecord(), endorsed, owners), NOW)
                .reviewerTrust("0xnewcomer", RISK);

        assertThat(alone).isPositive();
        assertThat(withEndorsement).isGreaterThan(alone.multiply(BigDecimal.TEN));
    }

    @Test
    void shouldKeepDomainsIndependent() {
        List<FeedbackEvent> riskFeedback =
                List.of(praise("0xEstablished0", TARGET, RISK), praise("0xfresh", TARGET, RISK));
        ReputationScores riskOnly =
                engine.score(new ReputationLog(baseRecord(), riskFeedback, establishedOwners()), NOW);

        List<ContributionEvent> record = new ArrayList<>(baseRecord());
        record.add(contribution(TARGET, TREASURY, ScoringKind.OUTCOME_WORSENED, Duration.ofDays(2)));
        record.add(contribution("agent-established-0", TREASURY, ScoringKind.OUTCOME_WORSENED, Duration.ofDays(2)));
        List<FeedbackEvent> feedback = new ArrayList<>(riskFeedback);
        feedback.add(praise("0xEstablished1", TARGET, TREASURY));
        feedback.add(praise("0xother", "agent-established-0", TREASURY));
        ReputationScores both = engine.score(new ReputationLog(record, feedback, establishedOwners()), NOW);

        assertThat(both.score(TARGET, RISK)).isEqualTo(riskOnly.score(TARGET, RISK));
        assertThat(both.reviewerTrust("0xEstablished0", RISK))
                .isEqualTo(riskOnly.reviewerTrust("0xEstablished0", RISK));
        assertThat(both.score(TARGET, TREASURY)).isNotEqualTo(both.score(TARGET, RISK));
        assertThat(both.score(TARGET)).isEqualTo(both.score(TARGET, RISK).add(both.score(TARGET, TREASURY)));
    }

    @Test
    void shouldScoreUnknownAgentsAndDomainsAsZero() {
        ReputationScores scores = engine.score(new ReputationLog(baseRecord(), List.of(), establishedOwners()), NOW);
        assertThat(scores.score("nobody", RISK)).isZero();
        assertThat(scores.score(TARGET, Domain.of("1", "gas"))).isZero();
        assertThat(scores.explain("nobody", RISK).terms()).isEmpty();
    }

    @Test
    void shouldRejectANonPositiveHalfLifeNamingTheSetting() {
        assertThatThrownBy(() -> ScoringConfig.defaults().withHalfLife(Duration.ZERO))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("halfLife");
    }

    @Test
    void shouldRejectFeedbackOutsideTheErc8004Ranges() {
        assertThatThrownBy(() -> new FeedbackEvent("0xr", "a", RISK, BigInteger.ONE.shiftLeft(127), 0, NOW, false))
                .hasMessageContaining("int128");
        assertThatThrownBy(() -> new FeedbackEvent("0xr", "a", RISK, BigInteger.ONE, 19, NOW, false))
                .hasMessageContaining("decimals");
    }
}
