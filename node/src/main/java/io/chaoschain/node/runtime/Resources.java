package io.chaoschain.node.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node opened and must close: closed newest first, each exactly once, also when closing another one fails or
 * {@link #close()} is called again (a start that failed half-way, then a close).
 */
final class Resources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private record Owned(String name, AutoCloseable resource) {}

    private final Deque<Owned> open = new ArrayDeque<>();

    /** Takes {@code resource} over; returns it. */
    synchronized <T extends AutoCloseable> T own(String name, T resource) {
        open.push(new Owned(name, resource));
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!open.isEmpty()) {
            Owned owned = open.pop();
            try {
                owned.resource().close();
            } catch (Exception e) {
                LOG.warn("closing the {} failed", owned.name(), e);
            }
        }
    }
}
