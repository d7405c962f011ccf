package io.chaoschain.storage;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.chains.events.CheckpointStore;
import io.chaoschain.core.Fields;
import io.chaoschain.core.TimeProvider;
import java.util.Optional;

/**
 * {@link CheckpointStore} on the node's database: the event monitors' checkpoints with their block hashes, so that a
 * restarted node resumes where it stopped. Save a checkpoint in the same {@link Database#inTransaction(Runnable)} as
 * the rows derived from those blocks, so that both or neither are kept.
 */
public final class JdbcCheckpointStore implements CheckpointStore {
    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcCheckpointStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public Optional<Checkpoint> load(String monitorId) {
        return jdbc.queryOne(
                "SELECT block_number, block_hash FROM checkpoints WHERE name = ?",
                p -> p.text(monitorId),
                row -> new Checkpoint(row.getLong(1), Optional.ofNullable(row.getString(2))));
    }

    @Override
    public void save(String monitorId, Checkpoint checkpoint) {
        String blockHash = checkpoint
                .blockHash()
                .map(h -> Fields.hash32(h, "checkpoint.blockHash"))
                .orElse(null);
        Fields.requireText(monitorId, "checkpoint.name", 256);
        long blockNumber = checkpoint.blockNumber();
        if (blockNumber < 0) {
            throw new IllegalArgumentException("checkpoint block must not be negative, got " + blockNumber);
        }
        db.inTransaction(() -> {
            int updated = jdbc.update(
                    "UPDATE checkpoints SET block_number = ?, block_hash = ?, updated_at = ? WHERE name = ?",
                    p -> p.bigint(blockNumber)
                            .text(blockHash)
                            .instant(time.now())
                            .text(monitorId));
            if (updated == 0) {
                jdbc.update(
                        "INSERT INTO checkpoints (name, block_number, block_hash, updated_at) VALUES (?, ?, ?, ?)",
                        p -> p.text(monitorId)
                                .bigint(blockNumber)
                                .text(blockHash)
                                .instant(time.now()));
            }
        });
    }
}
