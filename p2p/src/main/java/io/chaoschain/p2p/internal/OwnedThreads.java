package io.chaoschain.p2p.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The virtual threads one component runs (accept loops, connection readers and writers, stream handlers, watchdogs):
 * each is started through here, named, and tracked until it ends, so the component's {@code stop()} can wait for
 * them, interrupt what is left, and know that nothing it started outlives it. Once shut down, no new thread starts.
 */
public final class OwnedThreads {
    private final String owner;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    /** @param owner names the owning component in rejection messages */
    public OwnedThreads(String owner) {
        this.owner = owner;
    }

    /**
     * Starts {@code task} on a new virtual thread named {@code name}.
     *
     * @throws RejectedExecutionException once {@link #shutdown} has begun
     */
    public Thread start(String name, Runnable task) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                task.run();
            } finally {
                live.remove(Thread.currentThread());
            }
        });
        live.add(t);
        // checked after registering: a shutdown that began before this line either sees the thread or is seen here
        if (shutdown) {
            live.remove(t);
            throw new RejectedExecutionException(owner + " is stopped; not starting " + name);
        }
        t.start();
        return t;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** Threads started here that have not ended yet. */
    public int activeCount() {
        return live.size();
    }

    /**
     * Stops accepting threads, gives the running ones {@code grace} to end by themselves (their component has closed
     * what they block on), interrupts the rest and waits up to {@code timeout} more. The calling thread is never waited
     * for (a component may be stopped from one of its own threads).
     *
     * @return the names of threads still alive afterwards; empty when every thread ended
     */
    public List<String> shutdown(Duration grace, Duration timeout) {
        shutdown = true;
        Thread self = Thread.currentThread();
        if (!awaitAll(grace, self)) {
            live.forEach(t -> {
                if (t != self) {
                    t.interrupt();
                }
            });
            awaitAll(timeout, self);
        }
        List<String> left = new ArrayList<>();
        for (Thread t : live) {
            if (t != self && t.isAlive()) {
                left.add(t.getName());
            }
        }
        return left;
    }

    private boolean awaitAll(Duration max, Thread self) {
        long deadline = System.nanoTime() + max.toNanos();
        for (Thread t : List.copyOf(live)) {
            if (t == self) {
                continue;
            }
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return live.stream().allMatch(t -> t == self || !t.isAlive());
    }
}
