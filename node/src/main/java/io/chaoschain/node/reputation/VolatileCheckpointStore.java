package io.chaoschain.node.reputation;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.chains.events.CheckpointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints that live as long as the process: the feedback monitor feeding the in-memory ledger must replay the
 * registry's history on every start, since the ledger starts empty.
 */
public final class VolatileCheckpointStore implements CheckpointStore {
  private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Optional<Checkpoint> load(String monitorId) {
    return Optional.ofNullable(checkpoints.get(monitorId));
  }

  @Override
  public void save(String monitorId, Checkpoint checkpoint) {
    checkpoints.put(monitorId, checkpoint);
  }
}
