package io.chaoschain.chains.testing;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.chains.events.CheckpointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints in a map: survives a monitor restart within one test, not a process restart. */
public final class InMemoryCheckpointStore implements CheckpointStore {
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
