package io.chaoschain.node.runtime;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.chains.events.CheckpointStore;
import java.util.Optional;

/** Event monitors' progress kept in the node's database, so a restarted node resumes where its monitors stopped. */
final class StoreCheckpoints implements CheckpointStore {
  private final io.chaoschain.node.store.CheckpointStore store;

  StoreCheckpoints(io.chaoschain.node.store.CheckpointStore store) {
    this.store = store;
  }

  @Override
  public Optional<Checkpoint> load(String monitorId) {
    var block = store.get(monitorId);
    return block.isPresent() ? Optional.of(new Checkpoint(block.getAsLong(), Optional.empty())) : Optional.empty();
  }

  @Override
  public void save(String monitorId, Checkpoint checkpoint) {
    store.put(monitorId, checkpoint.blockNumber());
  }
}
