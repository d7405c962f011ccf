package io.chaoschain.core;

import java.util.concurrent.CompletableFuture;

/**
 * A long-running part of a node (monitor, agent loop, API server). The node starts services in dependency order and
 * stops them in reverse; {@link #stop()} must be safe to call on a service that never started.
 */
public interface Service {

    /** Starts the service; the future completes once it is serving. */
    CompletableFuture<Void> start();

    /** Stops the service; the future completes once every resource it held is released. */
    CompletableFuture<Void> stop();

    /** A short name for logs and health output. */
    default String name() {
        return getClass().getSimpleName();
    }
}
