package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.insight.RelevanceDecision;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.storage.InsightStore.Direction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcInsightStoreTest extends StoreTestSupport {

    static SharedInsight insight(String id) {
        return new SharedInsight(
                id,
                31337,
                "0x00000000000000000000000000000000000000cc",
                "0x00000000000000000000000000000000000000aa",
                "setRateModel(uint256,uint256,uint256,uint256)",
                "0x12f1be19",
                "jumpMultiplierPerYear",
                new BigInteger("250000000000000000"),
                new BigInteger("1000000000000000000"),
                "utilization-above-kink",
                new BigDecimal("0.9917"),
                new BigDecimal("0.8812"),
                "0xreport",
                "42",
                "0xtx",
                "raised the jump multiplier");
    }

    @Test
    void shouldKeepInsightsDecisionsAndContributionsAndIgnoreDuplicates() {
        {
            InsightStore store = new JdbcInsightStore(db, clock);
            assertThat(store.save(insight("0x01"), Direction.PUBLISHED, "local", null, "0a0b"))
                    .isTrue();
            assertThat(store.save(insight("0x01"), Direction.PUBLISHED, "local", null, "0a0b"))
                    .isFalse();
            assertThat(store.save(insight("0x02"), Direction.RECEIVED, "gossip", "12D3KooWpeer", "0c"))
                    .isTrue();

            assertThat(store.find("0x01")).get().satisfies(i -> {
                assertThat(i.insight()).isEqualTo(insight("0x01"));
                assertThat(i.insight().ratio()).isEqualByComparingTo("4");
                assertThat(i.envelopeHex()).isEqualTo("0a0b");
            });
            assertThat(store.byDirection(Direction.RECEIVED))
                    .singleElement()
                    .satisfies(i -> assertThat(i.peer()).isEqualTo("12D3KooWpeer"));

            var row = store.recordDecision(
                    "412346:1",
                    new RelevanceDecision(
                            "0x02", 1.0, 0.746, 0.873, 0.5, true, List.of("interface: ok", "meaning: 0.746")));
            store.markAdopted(row.id(), 7);
            assertThat(store.decisions()).singleElement().satisfies(d -> {
                assertThat(d.semanticScore()).isEqualTo(0.746);
                assertThat(d.relevant()).isTrue();
                assertThat(d.reasons()).containsExactly("interface: ok", "meaning: 0.746");
                assertThat(d.adoptedProposalId()).isEqualTo(7L);
            });

            assertThat(store.recordContribution(
                            "0x01", "0xb", 412346, "arbitrum-local#1", "0xsim", "1000", "peer", "adopted"))
                    .isTrue();
            assertThat(store.recordContribution(
                            "0x01", "0xb", 412346, "arbitrum-local#1", "0xsim", "1000", "peer", "again"))
                    .isFalse();
            assertThat(store.contributions()).singleElement().satisfies(c -> {
                assertThat(c.adopterChainId()).isEqualTo(412346);
                assertThat(c.simulationReportHash()).isEqualTo("0xsim");
            });
        }
    }
}
