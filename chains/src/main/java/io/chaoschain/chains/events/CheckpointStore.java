package io.chaoschain.chains.events;

import java.util.Optional;

/** Durable progress of event monitors, keyed by monitor id. Implementations must be safe for concurrent use. */
public interface CheckpointStore {

    /** The last saved checkpoint of {@code monitorId}, or empty if it never saved one. */
    Optional<Checkpoint> load(String monitorId);

    /** Replaces the checkpoint of {@code monitorId}; it may move backwards after a reorg. */
    void save(String monitorId, Checkpoint checkpoint);
}
