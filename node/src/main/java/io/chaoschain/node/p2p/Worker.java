package io.chaoschain.node.p2p;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one named thread a p2p component hands its work to (database writes, signing, embeddings), so that nothing
 * of it runs on the network's threads. The thread starts with the first task; the owning component stops it. It is
 * never interrupted: an interrupt during the embedded database's file I/O would close the database under the rest of
 * the node.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final ExecutorService executor;

    Worker(String name) {
        this.name = name;
        this.executor =
                Executors.newSingleThreadExecutor(Thread.ofVirtual().name(name).factory());
    }

    /** Queues {@code task}; false when the worker is stopped and the task was dropped. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Queues {@code task} and returns its result to come.
     *
     * @throws RejectedExecutionException when the worker is stopped
     */
    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Takes no task after this; waits up to {@code grace} for the queued ones to finish. True when they did (the thread
     * has ended), false when some still run.
     */
    boolean stop(Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("{} did not finish its queued work within {} s", name, grace.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
