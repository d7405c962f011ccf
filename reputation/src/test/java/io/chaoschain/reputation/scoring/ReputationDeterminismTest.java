package io.chaoschain.reputation.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ReputationDeterminismTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Domain> DOMAINS =
            List.of(Domain.of("1", "gas"), Domain.of("1", "treasury"), Domain.of("31337", "risk-parameters"));

    private final CredRankReputationEngine engine = new CredRankReputationEngine();

    /** A random log: 8 agents, 12 reviewers (4 of them agents' addresses), events up to a year old and a few future ones. */
    static ReputationLog randomLog(long seed, List<Domain> domains) {
        Random random = new Random(seed);
        ScoringKind[] kinds = ScoringKind.values();
        List<ContributionEvent> contributions = new ArrayList<>();
        int nc = random.nextInt(60);
        for (int i = 0; i < nc; i++) {
            contributions.add(new ContributionEvent(
                    "agent-" + random.nextInt(8),
                    domains.get(random.nextInt(domains.size())),
                    kinds[random.nextInt(kinds.length)],
                    NOW.minusSeconds(random.nextInt(400 * 86_400) - 30 * 86_400)));
        }
        List<FeedbackEvent> feedback = new ArrayList<>();
        int nf = random.nextInt(80);
        for (int i = 0; i < nf; i++) {
            int decimals = random.nextInt(3);
            BigInteger value = BigInteger.valueOf(random.nextInt(121) - 10).multiply(BigInteger.TEN.pow(decimals));
            feedback.add(new FeedbackEvent(
                    "0xReviewer" + random.nextInt(12),
                    "agent-" + random.nextInt(8),
                    domains.get(random.nextInt(domains.size())),
                    value,
                    decimals,
                    NOW.minusSeconds(random.nextInt(400 * 86_400) - 30 * 86_400),
                    random.nextInt(10) == 0));
        }
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            owners.put("0xreviewer" + i, "agent-" + i);
        }
        return new ReputationLog(contributions, feedback, owners);
    }

    private static Map<String, Object> snapshot(ReputationScores scores) {
        Map<String, Object> out = new HashMap<>();
        for (String agent : scores.agents()) {
            out.put(agent, scores.score(agent));
            for (Domain domain : scores.domains()) {
                out.put(agent + "@" + domain, scores.score(agent, domain));
            }
        }
        for (Domain domain : scores.domains()) {
            for (int r = 0; r < 12; r++) {
                out.put("0xreviewer" + r + "@" + domain, scores.reviewerTrust("0xreviewer" + r, domain));
            }
        }
        return out;
    }

    @Property(tries = 200)
    void shufflingTheLogNeverChangesAScore(@ForAll long seed, @ForAll long shuffleSeed) {
        ReputationLog log = randomLog(seed, DOMAINS);
        List<ContributionEvent> contributions = new ArrayList<>(log.contributions());
        List<FeedbackEvent> feedback = new ArrayList<>(log.feedback());
        Collections.shuffle(contributions, new Random(shuffleSeed));
        Collections.shuffle(feedback, new Random(shuffleSeed + 1));
        ReputationLog shuffled = new ReputationLog(contributions, feedback, log.reviewerAgents());

        assertThat(snapshot(engine.score(shuffled, NOW))).isEqualTo(snapshot(engine.score(log, NOW)));
    }

    @Property(tries = 100)
    void replayingTheSameLogGivesIdenticalScoresAndExplanations(@ForAll long seed) {
        ReputationLog log = randomLog(seed, DOMAINS);
        ReputationScores first = engine.score(log, NOW);
        ReputationScores second =
                new CredRankReputationEngine(ScoringConfig.defaults()).score(randomLog(seed, DOMAINS), NOW);

        assertThat(snapshot(second)).isEqualTo(snapshot(first));
        for (String agent : first.agents()) {
            assertThat(second.explain(agent)).isEqualTo(first.explain(agent));
        }
    }

    @Property(tries = 200)
    void explanationTermsAlwaysSumExactlyToTheScore(@ForAll long seed) {
        ReputationScores scores = engine.score(randomLog(seed, DOMAINS), NOW);
        for (String agent : scores.agents()) {
            assertThat(scores.explain(agent).sumOfTerms()).isEqualTo(scores.score(agent));
            for (Domain domain : scores.domains()) {
                ScoreExplanation explanation = scores.explain(agent, domain);
                assertThat(explanation.sumOfTerms())
                        .isEqualTo(explanation.score())
                        .isEqualTo(scores.score(agent, domain));
            }
        }
    }

    @Property(tries = 100)
    void eventsInOtherDomainsNeverChangeADomainsScores(@ForAll long seed, @ForAll long otherSeed) {
        Domain risk = DOMAINS.get(2);
        ReputationLog riskOnly = randomLog(seed, List.of(risk));
        ReputationLog others = randomLog(otherSeed, DOMAINS.subList(0, 2));
        List<ContributionEvent> contributions = new ArrayList<>(riskOnly.contributions());
        contributions.addAll(others.contributions());
        List<FeedbackEvent> feedback = new ArrayList<>(others.feedback());
        feedback.addAll(riskOnly.feedback());
        ReputationScores mixed =
                engine.score(new ReputationLog(contributions, feedback, riskOnly.reviewerAgents()), NOW);
        ReputationScores alone = engine.score(riskOnly, NOW);

        for (String agent : alone.agents()) {
            assertThat(mixed.score(agent, risk)).isEqualTo(alone.score(agent, risk));
        }
    }

    @Property(tries = 50)
    void aScoreAsOfAnEarlierTimeIgnoresEverythingAfterIt(@ForAll long seed) {
        ReputationLog log = randomLog(seed, DOMAINS);
        Instant earlier = NOW.minus(Duration.ofDays(100));
        List<ContributionEvent> contributions = new ArrayList<>(log.contributions());
        contributions.removeIf(e -> e.at().isAfter(earlier));
        List<FeedbackEvent> feedback = new ArrayList<>(log.feedback());
        feedback.removeIf(e -> e.at().isAfter(earlier));
        ReputationScores truncated =
                engine.score(new ReputationLog(contributions, feedback, log.reviewerAgents()), earlier);
        ReputationScores full = engine.score(log, earlier);

        for (String agent : full.agents()) {
            for (Domain domain : DOMAINS) {
                assertThat(full.score(agent, domain)).isEqualTo(truncated.score(agent, domain));
            }
        }
    }
}
