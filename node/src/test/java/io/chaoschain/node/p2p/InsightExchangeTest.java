package io.chaoschain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.p2p.protocol.ChaosMessage.Insight;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsightExchangeTest {
    static Map<String, String> evidence() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("function", RateModelCalls.SET_RATE_MODEL);
        a.put("selector", RateModelCalls.SET_RATE_MODEL_SELECTOR.toUpperCase().replace("0X", "0x"));
        a.put("parameter", "jumpMultiplierPerYear");
        a.put("oldValue", "250000000000000000");
        a.put("newValue", "1000000000000000000");
        a.put("symptom", "utilization-above-kink");
        a.put("meanBefore", "0.9917");
        a.put("meanAfter", "0.8812");
        a.put("simulationReportHash", "0xreport");
        a.put("proposalId", "42");
        a.put("executeTx", "0xtx");
        return a;
    }

    @Test
    void shouldReadTheStructuredEvidenceOfAnInsightAndKeyItByItsContentHash() {
        Insight insight = new Insight(
                31337,
                "0x00000000000000000000000000000000000000aa",
                "utilization-above-kink",
                "raised the jump multiplier",
                0.5,
                evidence());
        var shared = InsightExchange.toShared(insight, "0xagent").orElseThrow();
        assertThat(shared.id())
                .isEqualTo(InsightExchange.insightId(insight))
                .startsWith("0x")
                .hasSize(66);
        assertThat(shared.selector()).isEqualTo(RateModelCalls.SET_RATE_MODEL_SELECTOR);
        assertThat(shared.ratio()).isEqualByComparingTo("4");
        assertThat(shared.sourceAgent()).isEqualTo("0xagent");

        Insight other = new Insight(
                31337,
                "0x00000000000000000000000000000000000000aa",
                "utilization-above-kink",
                "raised the jump multiplier a bit more",
                0.5,
                evidence());
        assertThat(InsightExchange.insightId(other)).isNotEqualTo(shared.id());
    }

    @Test
    void shouldIgnoreAnInsightWithoutTheEvidenceNeededToJudgeIt() {
        Map<String, String> partial = evidence();
        partial.remove("newValue");
        assertThat(InsightExchange.toShared(new Insight(1, "t", "c", "s", 0.1, partial), "0xagent"))
                .isEmpty();
        assertThat(InsightExchange.toShared(new Insight(1, "t", "c", "s", 0.1), "0xagent"))
                .isEmpty();
    }
}
