package io.chaoschain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GovernanceAgentTest {
    static final String MARKET = "0x00000000000000000000000000000000000000aa";
    static final String TIMELOCK = "0x00000000000000000000000000000000000000bb";
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final RateModel MODEL = new RateModel(
            E16.multiply(BigInteger.TWO),
            E16.multiply(BigInteger.TEN),
            E16.multiply(BigInteger.valueOf(25)),
            E16.multiply(BigInteger.valueOf(80)),
            E16.multiply(BigInteger.TEN));

    final List<String> progress = new ArrayList<>();

    GovernanceAgent agent(FakeSimulator simulator) {
        PolicyGuard guard = new PolicyGuard(
                new AgentPolicy(Map.of(MARKET, Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));
        return new GovernanceAgent(
                "analyst-1", new RateModelAnalyst(AnalystSettings.defaults()), simulator, guard, progress::add);
    }

    static List<MarketSnapshot> history(String utilization, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new MarketSnapshot(
                        MARKET,
                        100 + i * 5L,
                        Instant.ofEpochSecond(1000 + i),
                        new BigDecimal(utilization),
                        new BigDecimal("0.13"),
                        new BigDecimal("0.11"),
                        BigDecimal.TEN,
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO))
                .toList();
    }

    @Test
    void shouldFinalizeTheSmallestJumpMultiplierThatMeetsTheTarget() {
        // baseline 97 %, each 100 % of jump removes 8 points: 0.97 - 0.08 * j <= 0.90 needs j >= 0.875
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", false);
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("eth", MARKET, TIMELOCK, MODEL),
                        history("0.96", 10),
                        "http://127.0.0.1:1",
                        100,
                        145);

        assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
        AgentDecision.Finalized finalized = (AgentDecision.Finalized) decision;
        BigInteger chosen = finalized.chosen().jumpMultiplier();
        // first sweep 50 %, 100 %, 200 %: 100 % passes; refinement bisects between 50 % and 100 %
        assertThat(chosen)
                .isGreaterThanOrEqualTo(new BigInteger("875000000000000000"))
                .isLessThan(E16.multiply(BigInteger.valueOf(100)));
        assertThat(finalized.iterations()).hasSizeGreaterThan(3);
        RateModel decoded = RateModelCalls.decodeSetRateModel(
                finalized.draft().actions().getFirst().calldata());
        assertThat(decoded.jumpMultiplierPerYear()).isEqualTo(chosen);
        assertThat(decoded.baseRatePerYear()).isEqualTo(MODEL.baseRatePerYear());
        assertThat(decoded.kink()).isEqualTo(MODEL.kink());
        assertThat(finalized.draft().description())
                .contains("Evidence", finalized.chosen().report().reportHash(), chosen.toString());
        assertThat(simulator.requests).allSatisfy(r -> {
            assertThat(r.executor()).isEqualTo(TIMELOCK);
            assertThat(r.replayFromBlock()).isEqualTo(100);
            assertThat(r.replayToBlock()).isEqualTo(145);
        });
    }

    @Test
    void shouldAbandonWhenNoCandidateMeetsTheTarget() {
        FakeSimulator simulator = new FakeSimulator("0.99", "0.001", false);
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("eth", MARKET, TIMELOCK, MODEL),
                        history("0.98", 10),
                        "http://127.0.0.1:1",
                        100,
                        145);

        assertThat(decision).isInstanceOf(AgentDecision.Abandoned.class);
        assertThat(((AgentDecision.Abandoned) decision).iterations()).hasSize(3).noneMatch(CandidateVerdict::passed);
    }

    @Test
    void shouldNotProposeWhenActionsRevertOnTheFork() {
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", true);
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("eth", MARKET, TIMELOCK, MODEL),
                        history("0.96", 10),
                        "http://127.0.0.1:1",
                        100,
                        145);

        assertThat(decision).isInstanceOf(AgentDecision.Abandoned.class);
        assertThat(((AgentDecision.Abandoned) decision).iterations().getFirst().reasons())
                .anyMatch(r -> r.contains("reverted: InvalidParameter"));
    }

    @Test
    void shouldSeeNoOpportunityWhenUtilizationIsHealthy() {
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", false);
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("eth", MARKET, TIMELOCK, MODEL),
                        history("0.70", 10),
                        "http://127.0.0.1:1",
                        100,
                        145);

        assertThat(decision).isInstanceOf(AgentDecision.NoOpportunity.class);
        assertThat(simulator.requests).isEmpty();
    }

    @Test
    void shouldWaitForEnoughSamples() {
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", false);
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("eth", MARKET, TIMELOCK, MODEL),
                        history("0.97", 3),
                        "http://127.0.0.1:1",
                        100,
                        145);

        assertThat(decision).isInstanceOf(AgentDecision.NoOpportunity.class);
        assertThat(((AgentDecision.NoOpportunity) decision).reason()).contains("only 3 snapshots");
    }

    @Test
    void shouldProduceTheSameProposalForTheSameInputs() {
        var target = new MarketTarget("eth", MARKET, TIMELOCK, MODEL);
        var first = (AgentDecision.Finalized)
                agent(new FakeSimulator("0.97", "0.08", false)).decide(target, history("0.96", 10), "x", 100, 145);
        var second = (AgentDecision.Finalized)
                agent(new FakeSimulator("0.97", "0.08", false)).decide(target, history("0.96", 10), "x", 100, 145);
        assertThat(second.draft()).isEqualTo(first.draft());
    }

    static io.chaoschain.agent.insight.AdaptationPrior prior(String ratioNew) {
        var insight = new io.chaoschain.agent.insight.SharedInsight(
                "0xabc123",
                31337,
                "0x00000000000000000000000000000000000000cc",
                MARKET,
                RateModelCalls.SET_RATE_MODEL,
                RateModelCalls.SET_RATE_MODEL_SELECTOR,
                "jumpMultiplierPerYear",
                E16.multiply(BigInteger.valueOf(100)),
                new BigDecimal(ratioNew)
                        .multiply(new BigDecimal(E16.multiply(BigInteger.valueOf(100))))
                        .toBigIntegerExact(),
                "utilization-above-kink",
                new BigDecimal("0.95"),
                new BigDecimal("0.85"),
                "0xreport",
                "1",
                "0xtx",
                "raised the jump");
        var decision = new io.chaoschain.agent.insight.RelevanceDecision("0xabc123", 1, 0.8, 0.9, 0.5, true, List.of());
        return new io.chaoschain.agent.insight.AdaptationPrior(
                insight, decision, "jumpMultiplierPerYear", insight.ratio());
    }

    @Test
    void shouldStartAtTheInsightsRatioAndSkipTheCoarseSweepWhenItPassesHere() {
        // jump 25 % x4 = 100 % passes (needs >= 87.5 %); the coarse sweep would have tried 50 %, 100 %, 200 %
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", false);
        var advised = new ArrayList<Opportunity>();
        AgentDecision decision = agent(simulator)
                .decide(
                        new MarketTarget("arb", MARKET, TIMELOCK, MODEL),
                        history("0.96", 10),
                        "http://127.0.0.1:1",
                        100,
                        145,
                        (target, opportunity) -> {
                            advised.add(opportunity);
                            return java.util.Optional.of(prior("4"));
                        });

        assertThat(advised).singleElement().extracting(Opportunity::kind).isEqualTo("utilization-above-kink");
        var finalized = (AgentDecision.Finalized) decision;
        assertThat(finalized.prior()).isNotNull();
        List<BigInteger> simulated = simulator.requests.stream()
                .map(r -> RateModelCalls.decodeSetRateModel(
                                r.actions().getFirst().calldata())
                        .jumpMultiplierPerYear())
                .toList();
        assertThat(simulated.getFirst()).isEqualTo(E16.multiply(BigInteger.valueOf(100)));
        assertThat(simulated)
                .doesNotContain(E16.multiply(BigInteger.valueOf(50)), E16.multiply(BigInteger.valueOf(200)));
        assertThat(finalized.chosen().jumpMultiplier())
                .isLessThanOrEqualTo(E16.multiply(BigInteger.valueOf(100)))
                .isGreaterThanOrEqualTo(new BigInteger("875000000000000000"));
        assertThat(finalized.draft().description()).contains("Cross-chain insight", "0xabc123");
        assertThat(progress).anyMatch(l -> l.contains("adapting cross-chain insight"));
    }

    @Test
    void shouldFallBackToLargerCandidatesWhenTheInsightsRatioDoesNotPassHere() {
        // x2 = 50 % is not enough on this market (needs >= 87.5 %)
        FakeSimulator simulator = new FakeSimulator("0.97", "0.08", false);
        var finalized = (AgentDecision.Finalized) agent(simulator)
                .decide(
                        new MarketTarget("arb", MARKET, TIMELOCK, MODEL),
                        history("0.96", 10),
                        "http://127.0.0.1:1",
                        100,
                        145,
                        (target, opportunity) -> java.util.Optional.of(prior("2")));

        List<BigInteger> simulated = simulator.requests.stream()
                .map(r -> RateModelCalls.decodeSetRateModel(
                                r.actions().getFirst().calldata())
                        .jumpMultiplierPerYear())
                .toList();
        assertThat(simulated.subList(0, 3))
                .containsExactly(
                        E16.multiply(BigInteger.valueOf(50)),
                        E16.multiply(BigInteger.valueOf(100)),
                        E16.multiply(BigInteger.valueOf(200)));
        assertThat(finalized.chosen().passed()).isTrue();
        assertThat(finalized.chosen().jumpMultiplier()).isGreaterThanOrEqualTo(new BigInteger("875000000000000000"));
    }
}
