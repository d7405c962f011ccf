package io.chaoschain.storage;

import static io.chaoschain.storage.Samples.CHAIN;
import static io.chaoschain.storage.Samples.MARKET;
import static io.chaoschain.storage.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.metrics.MarketSnapshot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcMetricStoreTest extends StoreTestSupport {
    private static final String OTHER_MARKET = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";

    private MetricStore metrics() {
        return stores.metrics();
    }

    @Test
    void shouldReadBackASnapshotWithEveryValueIntact() {
        MarketSnapshot written = snapshot(100, "0.875");

        assertThat(metrics().record(CHAIN, written)).isTrue();

        assertThat(metrics().latest(CHAIN, MARKET)).contains(written);
    }

    @Test
    void shouldIgnoreASecondSnapshotOfTheSameBlock() {
        metrics().record(CHAIN, snapshot(100, "0.5"));

        assertThat(metrics().record(CHAIN, snapshot(100, "0.9"))).isFalse();
        assertThat(metrics().latest(CHAIN, MARKET).orElseThrow().utilization()).isEqualByComparingTo("0.5");
        assertThat(metrics().record("another-chain", snapshot(100, "0.9"))).isTrue();
    }

    @Test
    void shouldReturnTheMostRecentSnapshotsOldestFirst() {
        for (long block = 1; block <= 5; block++) {
            metrics().record(CHAIN, snapshot(block, "0." + block));
        }

        List<ChainSnapshot> series = metrics().series(new MetricQuery(CHAIN, MARKET, 3));

        assertThat(series).extracting(s -> s.snapshot().blockNumber()).containsExactly(3L, 4L, 5L);
        assertThat(series).extracting(ChainSnapshot::chain).containsOnly(CHAIN);
    }

    @Test
    void shouldFilterByMarketAndFindTheLatestOfEach() {
        metrics().record(CHAIN, snapshot(1, "0.1"));
        metrics().record(CHAIN, snapshot(2, "0.2"));
        MarketSnapshot other = withMarket(snapshot(2, "0.7"), OTHER_MARKET);
        metrics().record(CHAIN, other);

        assertThat(metrics()
                        .series(new MetricQuery(null, OTHER_MARKET.toUpperCase().replace("0X", "0x"), 10)))
                .extracting(ChainSnapshot::snapshot)
                .containsExactly(other);
        assertThat(metrics().latestPerMarket())
                .extracting(s -> s.snapshot().market(), s -> s.snapshot().utilization())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(MARKET, new BigDecimal("0.2")),
                        org.assertj.core.groups.Tuple.tuple(OTHER_MARKET, new BigDecimal("0.7")));
    }

    @Test
    void shouldReturnOneMarketsSnapshotsInABlockRangeOldestFirst() {
        for (long block = 10; block >= 1; block--) {
            metrics().record(CHAIN, snapshot(block, "0.5"));
        }
        metrics().record(CHAIN, withMarket(snapshot(5, "0.7"), OTHER_MARKET));
        metrics().record("another-chain", snapshot(5, "0.9"));

        List<MarketSnapshot> range = metrics().range(CHAIN, snapshot(1, "0.5").market(), 3, 6);

        assertThat(range).extracting(MarketSnapshot::blockNumber).containsExactly(3L, 4L, 5L, 6L);
        assertThat(range).allSatisfy(s -> assertThat(s.utilization()).isEqualByComparingTo("0.5"));
    }

    @Test
    void shouldRejectALimitOutOfRange() {
        assertThatThrownBy(() -> new MetricQuery(null, null, 0)).hasMessageContaining("limit must be between 1 and");
    }

    private static MarketSnapshot withMarket(MarketSnapshot s, String market) {
        return new MarketSnapshot(
                market,
                s.blockNumber(),
                s.blockTime(),
                s.utilization(),
                s.borrowApr(),
                s.supplyApr(),
                s.totalBorrows(),
                s.cash(),
                s.reserves(),
                s.supplyVolume(),
                s.borrowVolume());
    }
}
