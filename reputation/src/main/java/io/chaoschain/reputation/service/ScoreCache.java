package io.chaoschain.reputation.service;

import java.util.Optional;

/**
 * A cache of computed reputation views (leaderboards, profiles) as JSON text, shared by every reader of one store.
 * Entries belong to a generation: {@link #invalidate()} starts a new one, after which no earlier entry is returned.
 * Implementations are thread-safe; a cache that cannot be reached behaves as empty rather than failing reads.
 */
public interface ScoreCache extends AutoCloseable {

    /** The current generation and the entry stored under {@code key} in it, if any (one round trip). */
    Lookup get(String key);

    /**
     * Stores {@code json} under {@code key} in {@code generation} (from the {@link Lookup} that missed); ignored when a
     * newer generation has started since, so a value computed from old scores is never served as new.
     */
    void put(long generation, String key, String json);

    /** Drops every entry by starting a new generation; returns the new generation. */
    long invalidate();

    /** A short description for logs ("in-process", "redis://host:port"). */
    String describe();

    @Override
    void close();

    /** The generation a lookup saw and the entry found in it. */
    record Lookup(long generation, String json) {
        public Optional<String> value() {
            return Optional.ofNullable(json);
        }
    }
}
