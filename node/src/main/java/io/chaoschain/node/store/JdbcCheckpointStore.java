package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.OptionalLong;

/** {@link CheckpointStore} on the node's database. */
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
  public void put(String name, long blockNumber) {
    Sql.requireText(name, "checkpoint.name", 256);
    if (blockNumber < 0) {
      throw new IllegalArgumentException("checkpoint block must not be negative, got " + blockNumber);
    }
    db.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE checkpoints SET block_number = ?, updated_at = ? WHERE name = ?")) {
            update.setLong(1, blockNumber);
            Sql.setInstant(update, 2, time.now());
            update.setString(3, name);
            if (update.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO checkpoints (name, block_number, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setLong(2, blockNumber);
            Sql.setInstant(insert, 3, time.now());
            insert.executeUpdate();
          }
          return null;
        });
  }
}
