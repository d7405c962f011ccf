package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AgentStore} on the node's database. */
public final class JdbcAgentStore implements AgentStore {
  private static final String COLUMNS =
      "agent_id, chain, name, operator, registry, proposals_submitted, proposals_executed, proposals_improved, score,"
          + " paused, updated_at";

  private final Database db;
  private final TimeProvider time;

  public JdbcAgentStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public AgentRecord register(AgentRegistration registration) {
    return db.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO agents (agent_id, chain, name, operator, registry, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, registration.agentId());
            insert.setString(2, registration.chain());
            insert.setString(3, registration.name());
            insert.setString(4, registration.operator());
            Sql.setString(insert, 5, registration.registry());
            Sql.setInstant(insert, 6, time.now());
            if (insert.executeUpdate() == 0) {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE agents SET chain = ?, name = ?, operator = ?, registry = ?, updated_at = ?"
                          + " WHERE agent_id = ?")) {
                update.setString(1, registration.chain());
                update.setString(2, registration.name());
                update.setString(3, registration.operator());
                Sql.setString(update, 4, registration.registry());
                Sql.setInstant(update, 5, time.now());
                update.setString(6, registration.agentId());
                update.executeUpdate();
              }
            }
          }
          return find(connection, registration.agentId()).orElseThrow();
        });
  }

  @Override
  public Optional<AgentRecord> find(String agentId) {
    return db.withConnection(connection -> find(connection, agentId));
  }

  @Override
  public List<AgentRecord> all() {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM agents ORDER BY agent_id")) {
            return readAll(select);
          }
        });
  }

  @Override
  public Optional<AgentRecord> setPaused(String agentId, boolean paused) {
    return db.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE agents SET paused = ?, updated_at = ? WHERE agent_id = ?")) {
            update.setBoolean(1, paused);
            Sql.setInstant(update, 2, time.now());
            update.setString(3, agentId);
            update.executeUpdate();
          }
          return find(connection, agentId);
        });
  }

  @Override
  public boolean isPaused(String agentId) {
    return find(agentId).map(AgentRecord::paused).orElse(false);
  }

  @Override
  public Optional<AgentRecord> updateScore(String agentId, BigDecimal score) {
    Objects.requireNonNull(score, "score");
    return db.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE agents SET score = ?, updated_at = ? WHERE agent_id = ?")) {
            update.setBigDecimal(1, score);
            Sql.setInstant(update, 2, time.now());
            update.setString(3, agentId);
            update.executeUpdate();
          }
          return find(connection, agentId);
        });
  }

  private static Optional<AgentRecord> find(Connection connection, String agentId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM agents WHERE agent_id = ?")) {
      select.setString(1, agentId);
      return readAll(select).stream().findFirst();
    }
  }

  private static List<AgentRecord> readAll(PreparedStatement select) throws SQLException {
    List<AgentRecord> agents = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        agents.add(
            new AgentRecord(
                rows.getString("agent_id"),
                rows.getString("chain"),
                rows.getString("name"),
                rows.getString("operator"),
                rows.getString("registry"),
                rows.getInt("proposals_submitted"),
                rows.getInt("proposals_executed"),
                rows.getInt("proposals_improved"),
                Sql.getDecimal(rows, "score"),
                rows.getBoolean("paused"),
                Sql.getInstant(rows, "updated_at")));
      }
    }
    return agents;
  }
}
