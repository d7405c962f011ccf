package io.chaoschain.chains;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How an RPC call is retried when an endpoint fails with an I/O error. Each failed attempt moves on to the next RPC
 * URL at once; after every full round over the URLs the client backs off exponentially, with jitter, before the next
 * round.
 *
 * @param maxAttempts attempts per call across all URLs (at least 1)
 * @param initialBackoff the pause after the first full round of failures
 * @param maxBackoff the longest pause
 * @param jitter fraction (0..1) of each pause that is randomised: the pause is {@code d * (1 - jitter * r)} with r
 *     uniform in [0, 1), so concurrent clients do not retry in lock-step
 * @param callTimeout per-request limit covering connect, write, server time and read
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter, Duration callTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff");
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
    }

    /** Five attempts, 200 ms doubling to at most 5 s, half of each pause randomised, 30 s per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5, Duration.ofSeconds(30));
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, jitter, callTimeout);
    }

    public RetryPolicy withCallTimeout(Duration timeout) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, timeout);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max, double jitterFraction) {
        return new RetryPolicy(maxAttempts, initial, max, jitterFraction, callTimeout);
    }

    /** The pause before retry round {@code round} (0 for the pause after the first failed round). */
    public Duration backoff(int round, RandomGenerator random) {
        long base = initialBackoff.toMillis();
        long capped = maxBackoff.toMillis();
        long delay = round >= 62 ? capped : Math.min(capped, base << Math.min(round, 30));
        if (delay < 0) {
            delay = capped;
        }
        double factor = 1 - jitter * random.nextDouble();
        return Duration.ofMillis(Math.round(delay * factor));
    }
}
