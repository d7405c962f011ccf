package io.chaoschain.core.testing;

import io.chaoschain.core.TimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the test moves it; safe to read from several threads. */
public final class StubTimeProvider implements TimeProvider {
    /** Where {@link #create()} starts. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    private StubTimeProvider(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static StubTimeProvider create() {
        return new StubTimeProvider(DEFAULT_START);
    }

    public static StubTimeProvider startingAt(Instant start) {
        return new StubTimeProvider(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves the clock forward by {@code step} and returns the new time. */
    public Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a stub clock moves forward only: " + step);
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    public Instant advanceTimeBySeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    public Instant advanceTimeByMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }
}
