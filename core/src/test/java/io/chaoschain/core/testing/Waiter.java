package io.chaoschain.core.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread or process makes true, polling it; the one way tests wait. A test never
 * sleeps for timing: it names what it waits for, and a timeout fails with that name and the last error seen.
 */
public final class Waiter {
    /** How long {@link #waitFor(String, BooleanSupplier)} waits unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(25);

    private Waiter() {}

    /** Waits until {@code condition} holds, for at most {@link #DEFAULT_TIMEOUT}. */
    public static void waitFor(String what, BooleanSupplier condition) {
        waitFor(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits until {@code condition} holds, for at most {@code timeout}. Exceptions thrown by it count as "not yet". */
    public static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        waitForValue(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Waits until {@code probe} returns a value (a non-empty optional) and returns it; exceptions thrown by the probe
     * count as "not yet" and the last one is reported on timeout.
     */
    public static <T> T waitForValue(String what, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError timedOut = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    timedOut.initCause(last);
                }
                throw timedOut;
            }
            pause(POLL);
        }
    }

    /** Runs {@code assertion} until it stops throwing, for at most {@code timeout}; then throws its last failure. */
    public static void waitForAssertion(String what, Duration timeout, ThrowingRunnable assertion) {
        waitForValue(what, timeout, () -> {
            assertion.run();
            return Optional.of(Boolean.TRUE);
        });
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    /** An assertion block that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
