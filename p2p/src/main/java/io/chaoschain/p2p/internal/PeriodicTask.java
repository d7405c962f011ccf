package io.chaoschain.p2p.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Runs one step again and again with a fixed pause between runs, on a virtual thread it owns, until stopped. A step
 * that throws is logged as a warning with its stack trace and the loop carries on: one bad round (a peer with a
 * broken address, a bug in one branch) must not end maintenance for the rest of the node's life.
 */
public final class PeriodicTask {
    private final String name;
    private final Duration interval;
    private final Runnable step;
    private final Logger log;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Thread thread;

    /**
     * @param name thread name, and how the task is called in log lines
     * @param interval pause before each run
     * @param step one round of work; an interrupt (the task stopping) should make it return soon
     * @param log where failed rounds are reported (the owning component's logger)
     */
    public PeriodicTask(String name, Duration interval, Runnable step, Logger log) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.name = name;
        this.interval = interval;
        this.step = step;
        this.log = log;
    }

    /** Starts the loop; a no-op while it is running. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name(name).start(this::loop);
        }
    }

    /** Interrupts the loop and waits up to {@code timeout} for it to end; returns whether it ended. */
    public boolean stop(Duration timeout) {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return true;
        }
        t.interrupt();
        if (t == Thread.currentThread()) {
            return false;
        }
        try {
            return t.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the loop thread is alive. */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Rounds that returned normally. */
    public long completedRounds() {
        return completed.get();
    }

    /** Rounds that threw. */
    public long failedRounds() {
        return failed.get();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return; // stopped
            }
            try {
                step.run();
                completed.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.warn("{} round failed; next round in {} ms", name, interval.toMillis(), e);
            }
        }
    }
}
