package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.simulation.SimulationReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** {@link SimulationStore} on the node's database. */
public final class JdbcSimulationStore implements SimulationStore {
  private static final String COLUMNS = "id, proposal_id, candidate, report_json, report_hash, passed, created_at";

  private final Database db;
  private final TimeProvider time;

  public JdbcSimulationStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public StoredSimulation record(long proposalId, String candidate, SimulationReport report, boolean passed) {
    Sql.requireText(candidate, "candidate", 256);
    Objects.requireNonNull(report, "report");
    String hash = Objects.requireNonNull(Sql.hash32(report.reportHash(), "report.reportHash"), "report.reportHash");
    return db.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO simulations (proposal_id, candidate, report_json, report_hash, passed, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, proposalId);
            insert.setString(2, candidate);
            insert.setString(3, Json.write(report));
            insert.setString(4, hash);
            insert.setBoolean(5, passed);
            Sql.setInstant(insert, 6, time.now());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              long id = keys.getLong(1);
              return find(connection, id).orElseThrow();
            }
          } catch (SQLException e) {
            if (Sql.isMissingParent(e)) {
              throw new NoSuchElementException("no proposal with id " + proposalId);
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<StoredSimulation> find(long id) {
    return db.withConnection(connection -> find(connection, id));
  }

  @Override
  public List<StoredSimulation> forProposal(long proposalId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM simulations WHERE proposal_id = ? ORDER BY id")) {
            select.setLong(1, proposalId);
            return readAll(select);
          }
        });
  }

  @Override
  public long count() {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM simulations");
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private static Optional<StoredSimulation> find(java.sql.Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM simulations WHERE id = ?")) {
      select.setLong(1, id);
      return readAll(select).stream().findFirst();
    }
  }

  private static List<StoredSimulation> readAll(PreparedStatement select) throws SQLException {
    List<StoredSimulation> simulations = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        simulations.add(
            new StoredSimulation(
                rows.getLong("id"),
                rows.getLong("proposal_id"),
                rows.getString("candidate"),
                Json.read(rows.getString("report_json"), SimulationReport.class),
                rows.getString("report_hash"),
                rows.getBoolean("passed"),
                Sql.getInstant(rows, "created_at")));
      }
    }
    return simulations;
  }
}
