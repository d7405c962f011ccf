package io.chaoschain.chains.events;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints that live as long as this object: a monitor restarted within the process resumes, a new process starts
 * from the monitor's first block. For monitors whose consumers keep their state in memory too (they must replay the
 * history on every start) and for tests.
 */
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
