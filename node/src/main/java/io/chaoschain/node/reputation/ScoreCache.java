package io.chaoschain.node.reputation;

import java.util.Optional;

/**
 * A cache of computed reputation views (leaderboards, profiles) as JSON text, shared by every reader of one store.
 * Entries belong to a generation: {@link #invalidate()} starts a new one, after which no earlier entry is returned.
 * Implementations are thread-safe; a cache that cannot be reached behaves as empty rather than failing reads.
 */
public interface ScoreCache extends AutoCloseable {

  /** The entry stored under {@code key} in the current generation. */
  Optional<String> get(String key);

  /** Stores {@code json} under {@code key} in generation {@code generation}; ignored when that is no longer current. */
  void put(long generation, String key, String json);

  /** The current generation; read it before computing a value to {@link #put}. */
  long generation();

  /** Drops every entry by starting a new generation; returns the new generation. */
  long invalidate();

  /** A short description for logs ("in-process", "redis://host:port"). */
  String describe();

  @Override
  void close();
}
