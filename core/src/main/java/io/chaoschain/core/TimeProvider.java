package io.chaoschain.core;

import java.time.Instant;

/** Source of wall-clock time; injected so that deadlines, decay and back-off are tested with a stub clock. */
public interface TimeProvider {

    Instant now();

    default long epochMillis() {
        return now().toEpochMilli();
    }

    /** The system clock. */
    static TimeProvider system() {
        return Instant::now;
    }
}
