package io.chaoschain.reputation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainTimeTest {
    private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldFollowTheWallClockWhileNoChainIsAhead() {
        ChainTime time = new ChainTime(() -> WALL);
        time.observe(WALL.minusSeconds(30));

        assertThat(time.now()).isEqualTo(WALL);
    }

    @Test
    void shouldFollowTheNewestBlockTimeOfAChainThatRunsAhead() {
        ChainTime time = new ChainTime(() -> WALL);
        time.observe(WALL.plusSeconds(3600));
        time.observe(WALL.plusSeconds(60)); // an older block read later does not move it back

        assertThat(time.now()).isEqualTo(WALL.plusSeconds(3600));
    }
}
