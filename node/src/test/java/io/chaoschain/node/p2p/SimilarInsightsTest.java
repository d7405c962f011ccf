package io.chaoschain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.InsightRelevance;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.agent.insight.TextEmbedder;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.protocol.SimilarSolutions;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.InsightStore.Direction;
import io.chaoschain.storage.JdbcInsightStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarInsightsTest {
    private static final String SYMPTOM = "utilization-above-kink";

    @TempDir
    Path dir;

    @Test
    void shouldAnswerOnItsOwnThreadFromThePublishedInsightsAndAnswerNothingOnceStopped() {
        List<String> embeddedOn = Collections.synchronizedList(new ArrayList<>());
        TextEmbedder embedder = text -> {
            embeddedOn.add(Thread.currentThread().getName());
            return new float[] {1, 0};
        };
        try (Database db = Database.open(dir)) {
            InsightStore store = new JdbcInsightStore(db, TimeProvider.system());
            SharedInsight insight = new SharedInsight(
                    "0x" + "ab".repeat(32),
                    31337,
                    "0x00000000000000000000000000000000000000ee",
                    "0x00000000000000000000000000000000000000aa",
                    RateModelCalls.SET_RATE_MODEL,
                    RateModelCalls.SET_RATE_MODEL_SELECTOR,
                    "jumpMultiplierPerYear",
                    BigInteger.ONE,
                    BigInteger.TWO,
                    SYMPTOM,
                    new BigDecimal("0.95"),
                    new BigDecimal("0.85"),
                    "0xr",
                    "1",
                    "0xt",
                    "raising the jump multiplier made borrowers repay");
            store.save(insight, Direction.PUBLISHED, "local", null, "c0ffee");
            SimilarInsights similar = new SimilarInsights(store, new InsightRelevance(embedder, 0.5));
            var query = new SimilarSolutions.Query(SYMPTOM, "borrowing above the kink is too cheap", 412346, 5);

            similar.start().join();
            List<SimilarSolutions.Solution> answers = similar.findSimilar(query);

            assertThat(answers)
                    .extracting(SimilarSolutions.Solution::proposalId)
                    .containsExactly(insight.id());
            assertThat(answers.getFirst().similarity()).isEqualTo(1.0);
            assertThat(embeddedOn)
                    .as("warm-up and answer, none on the caller's thread")
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allMatch("similar-insights"::equals);

            similar.stop().join();
            assertThat(similar.findSimilar(query)).isEmpty();
        }
    }
}
