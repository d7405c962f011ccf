package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import io.chaoschain.core.Json;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.simulation.SimulationReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** {@link SimulationStore} on the node's database. */
public final class JdbcSimulationStore implements SimulationStore {
    private static final String COLUMNS = "id, proposal_id, candidate, report_json, report_hash, passed, created_at";

    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcSimulationStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public StoredSimulation record(long proposalId, String candidate, SimulationReport report, boolean passed) {
        Fields.requireText(candidate, "candidate", 256);
        Objects.requireNonNull(report, "report");
        String hash =
                Objects.requireNonNull(Fields.hash32(report.reportHash(), "report.reportHash"), "report.reportHash");
        return db.inTransaction(() -> {
            long id;
            try {
                id = jdbc.insertReturningId(
                        "INSERT INTO simulations (proposal_id, candidate, report_json, report_hash, passed, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        p -> p.bigint(proposalId)
                                .text(candidate)
                                .text(Json.write(report))
                                .text(hash)
                                .bool(passed)
                                .instant(time.now()));
            } catch (StoreException e) {
                if (Sql.isMissingParent(e)) {
                    throw new NoSuchElementException("no proposal with id " + proposalId);
                }
                throw e;
            }
            return find(id).orElseThrow();
        });
    }

    @Override
    public Optional<StoredSimulation> find(long id) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM simulations WHERE id = ?", p -> p.bigint(id), JdbcSimulationStore::map);
    }

    @Override
    public List<StoredSimulation> forProposal(long proposalId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM simulations WHERE proposal_id = ? ORDER BY id",
                p -> p.bigint(proposalId),
                JdbcSimulationStore::map);
    }

    @Override
    public long count() {
        return jdbc.queryLong("SELECT COUNT(*) FROM simulations", Jdbc.Binder.NONE);
    }

    private static StoredSimulation map(ResultSet rows) throws SQLException {
        return new StoredSimulation(
                rows.getLong("id"),
                rows.getLong("proposal_id"),
                rows.getString("candidate"),
                Json.read(rows.getString("report_json"), SimulationReport.class),
                rows.getString("report_hash"),
                rows.getBoolean("passed"),
                Sql.getInstant(rows, "created_at"));
    }
}
