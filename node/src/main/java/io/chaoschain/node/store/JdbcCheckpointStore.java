package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.OptionalLong;

/**
 * {@link CheckpointStore} on the node's database, including the chain event monitors' checkpoints with their block
 * hashes.
 */
public final class JdbcCheckpointStore implements CheckpointStore {
  private final Database db;
  private final TimeProvider time;

  public JdbcCheckpointStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public OptionalLong get(String name) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("SELECT block_number FROM checkpoints WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
          }
        });
  }

  @Override
  public java.util.Optional<io.chaoschain.chains.events.Checkpoint> load(String monitorId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("SELECT block_number, block_hash FROM checkpoints WHERE name = ?")) {
            query.setString(1, monitorId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next()
                  ? java.util.Optional.of(new io.chaoschain.chains.events.Checkpoint(
                      rows.getLong(1), java.util.Optional.ofNullable(rows.getString(2))))
                  : java.util.Optional.empty();
            }
          }
        });
  }

  @Override
  public void save(String monitorId, io.chaoschain.chains.events.Checkpoint checkpoint) {
    write(monitorId, checkpoint.blockNumber(), checkpoint.blockHash().map(h -> Sql.hash32(h, "checkpoint.blockHash"))
        .orElse(null));
  }

  @Override
  public void put(String name, long blockNumber) {
    write(name, blockNumber, null);
  }

  private void write(String name, long blockNumber, String blockHash) {
    Sql.requireText(name, "checkpoint.name", 256);
    if (blockNumber < 0) {
      throw new IllegalArgumentException("checkpoint block must not be negative, got " + blockNumber);
    }
    db.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE checkpoints SET block_number = ?, block_hash = ?, updated_at = ? WHERE name = ?")) {
            update.setLong(1, blockNumber);
            update.setString(2, blockHash);
            Sql.setInstant(update, 3, time.now());
            update.setString(4, name);
            if (update.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO checkpoints (name, block_number, block_hash, updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setLong(2, blockNumber);
            insert.setString(3, blockHash);
            Sql.setInstant(insert, 4, time.now());
            insert.executeUpdate();
          }
          return null;
        });
  }
}
