package io.chaoschain.node.store;

import java.util.OptionalLong;

/**
 * The last block each event monitor has fully processed, so that a restarted node resumes where it stopped. Save a
 * checkpoint in the same {@link Database#inTransaction(Runnable)} as the rows derived from those blocks, so that both
 * or neither are kept.
 */
public interface CheckpointStore extends io.chaoschain.chains.events.CheckpointStore {

  /** The last processed block of the named monitor, or empty when it never ran. */
  OptionalLong get(String name);

  /** Sets the last processed block; it may move backwards, e.g. to re-scan after a reorg. */
  void put(String name, long blockNumber);
}
