package io.chaoschain.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.agent.RateModelCalls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Relevance with the real all-MiniLM-L6-v2 model, loaded offline from its jar. */
class InsightRelevanceTest {
    static final InsightRelevance RELEVANCE = new InsightRelevance(new MiniLmEmbedder(), 0.5);
    static final BigInteger E16 = BigInteger.TEN.pow(16);

    /** What the local rate-model analyst writes when it detects the problem (its own wording, other numbers). */
    static final LocalProblem PROBLEM = new LocalProblem(
            412346,
            Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR),
            Set.of("jumpMultiplierPerYear"),
            "utilization-above-kink",
            "utilization was above 90.00% in 11 of 14 snapshots (mean 94.10%, peak 96.80%) while the kink is 80.00%; the jump"
                    + " multiplier of 100.00% leaves borrowing cheap (mean borrow APR 14.20%), so liquidity for withdrawals stays thin");

    static SharedInsight insight(String id, String signature, String parameter, String symptom, String summary) {
        return new SharedInsight(
                id,
                31337,
                "0x00000000000000000000000000000000000000cc",
                "0x00000000000000000000000000000000000000aa",
                signature,
                io.chaoschain.core.Hex.functionSelector(signature),
                parameter,
                E16.multiply(BigInteger.valueOf(100)),
                E16.multiply(BigInteger.valueOf(250)),
                symptom,
                new BigDecimal("0.95"),
                new BigDecimal("0.86"),
                "0xreport",
                "7",
                "0xtx",
                summary);
    }

    static final SharedInsight RATE_FIX = insight(
            "0x01",
            RateModelCalls.SET_RATE_MODEL,
            "jumpMultiplierPerYear",
            "utilization-above-kink",
            "Utilization of the lending market stayed above the kink (mean 95.2%) because borrowing above the kink was too"
                    + " cheap; raising the jump multiplier from 100% to 250% made borrowers repay and brought mean utilization"
                    + " down to 86.0%, restoring liquidity for withdrawals.");

    static final SharedInsight ORACLE_FIX = insight(
            "0x02",
            RateModelCalls.SET_RATE_MODEL,
            "jumpMultiplierPerYear",
            "utilization-above-kink",
            "The price oracle for the collateral token reported stale prices during a sequencer outage, so liquidations"
                    + " were delayed; the DAO switched to a fallback feed and shortened the heartbeat to 20 minutes.");

    @Test
    void shouldRankTheRelevantInsightAboveTheUnrelatedOneAndAcceptOnlyIt() {
        RelevanceDecision rate = RELEVANCE.judge(RATE_FIX, PROBLEM);
        RelevanceDecision oracle = RELEVANCE.judge(ORACLE_FIX, PROBLEM);

        assertThat(rate.structuralScore()).isEqualTo(1.0);
        assertThat(oracle.structuralScore()).isEqualTo(1.0);
        assertThat(rate.semanticScore()).isGreaterThan(oracle.semanticScore() + 0.2);
        assertThat(rate.score()).isGreaterThan(oracle.score());
        assertThat(rate.relevant()).as("%s", rate.reasons()).isTrue();
        assertThat(oracle.relevant()).as("%s", oracle.reasons()).isFalse();
        assertThat(oracle.reasons()).anyMatch(r -> r.startsWith("meaning:") && r.contains("<"));
    }

    @Test
    void shouldRejectAStructuralMismatchWhateverTheWording() {
        SharedInsight otherInterface = insight(
                "0x03", "setReserveFactor(uint256)", "reserveFactor", "utilization-above-kink", RATE_FIX.summary());
        SharedInsight otherSymptom =
                insight("0x04", RateModelCalls.SET_RATE_MODEL, "jumpMultiplierPerYear", "bad-debt", RATE_FIX.summary());

        RelevanceDecision byInterface = RELEVANCE.judge(otherInterface, PROBLEM);
        RelevanceDecision bySymptom = RELEVANCE.judge(otherSymptom, PROBLEM);

        assertThat(byInterface.semanticScore()).isGreaterThanOrEqualTo(0.5);
        assertThat(byInterface.relevant()).isFalse();
        assertThat(byInterface.structuralScore()).isLessThan(1.0);
        assertThat(byInterface.reasons()).anyMatch(r -> r.contains("is not one this agent may call"));
        assertThat(bySymptom.relevant()).isFalse();
        assertThat(bySymptom.reasons()).anyMatch(r -> r.contains("bad-debt"));
    }

    @Test
    void shouldNotCallAnInsightRelevantWhenTheLocalMarketShowsNoProblem() {
        LocalProblem healthy = new LocalProblem(412346, PROBLEM.selectors(), PROBLEM.parameters(), null, "");
        assertThat(RELEVANCE.judge(RATE_FIX, healthy).relevant()).isFalse();
    }

    @Test
    void shouldReportTheRatioTheSourceChainApplied() {
        assertThat(RATE_FIX.ratio()).isEqualByComparingTo("2.5");
    }

    @Test
    void shouldRefuseAThresholdOutsideTheCosineRange() {
        assertThatThrownBy(() -> new InsightRelevance(new MiniLmEmbedder(), 1.5))
                .hasMessageContaining("threshold");
    }
}
