package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ChainStore} on the node's database. */
public final class JdbcChainStore implements ChainStore {
  private final Database db;
  private final TimeProvider time;

  public JdbcChainStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public void save(ChainRecord chain) {
    db.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO chains (name, chain_id, rpc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, chain.name());
            insert.setLong(2, chain.chainId());
            insert.setString(3, chain.rpc());
            Sql.setInstant(insert, 4, time.now());
            if (insert.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE chains SET chain_id = ?, rpc = ?, updated_at = ? WHERE name = ?")) {
            update.setLong(1, chain.chainId());
            update.setString(2, chain.rpc());
            Sql.setInstant(update, 3, time.now());
            update.setString(4, chain.name());
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<ChainRecord> find(String name) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("SELECT name, chain_id, rpc FROM chains WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<ChainRecord> all() {
    return db.withConnection(
        connection -> {
          try (PreparedStatement query =
                  connection.prepareStatement("SELECT name, chain_id, rpc FROM chains ORDER BY name");
              ResultSet rows = query.executeQuery()) {
            List<ChainRecord> chains = new ArrayList<>();
            while (rows.next()) {
              chains.add(map(rows));
            }
            return chains;
          }
        });
  }

  private static ChainRecord map(ResultSet rows) throws SQLException {
    return new ChainRecord(rows.getString("name"), rows.getLong("chain_id"), rows.getString("rpc"));
  }
}
