package io.chaoschain.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaiterTest {

    @Test
    void shouldReturnOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Waiter.waitFor("three polls", Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void shouldNameWhatItWaitedForAndTheLastErrorOnTimeout() {
        assertThatThrownBy(() -> Waiter.waitForValue("the answer", Duration.ofMillis(100), () -> {
                    throw new IllegalStateException("not ready");
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the answer")
                .hasMessageContaining("not ready");
    }

    @Test
    void shouldReturnTheProbedValue() {
        AtomicInteger polls = new AtomicInteger();
        String value = Waiter.waitForValue(
                "a value",
                Duration.ofSeconds(5),
                () -> polls.incrementAndGet() < 2 ? Optional.empty() : Optional.of("ready"));
        assertThat(value).isEqualTo("ready");
    }

    @Test
    void stubClockShouldMoveOnlyForward() {
        StubTimeProvider clock = StubTimeProvider.create();
        assertThat(clock.advanceTimeBySeconds(5)).isEqualTo(StubTimeProvider.DEFAULT_START.plusSeconds(5));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
