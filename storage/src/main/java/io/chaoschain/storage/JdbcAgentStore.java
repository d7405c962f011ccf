package io.chaoschain.storage;

import io.chaoschain.core.TimeProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link AgentStore} on the node's database. */
public final class JdbcAgentStore implements AgentStore {
    private static final String COLUMNS =
            "agent_id, chain, name, operator, registry, proposals_submitted, proposals_executed, proposals_improved,"
                    + " paused, updated_at";

    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcAgentStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public AgentRecord register(AgentRegistration registration) {
        return db.inTransaction(() -> {
            boolean inserted = jdbc.insertIgnoringDuplicate(
                    "INSERT INTO agents (agent_id, chain, name, operator, registry, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    p -> p.text(registration.agentId())
                            .text(registration.chain())
                            .text(registration.name())
                            .text(registration.operator())
                            .text(registration.registry())
                            .instant(time.now()));
            if (!inserted) {
                jdbc.update(
                        "UPDATE agents SET chain = ?, name = ?, operator = ?, registry = ?, updated_at = ?"
                                + " WHERE agent_id = ?",
                        p -> p.text(registration.chain())
                                .text(registration.name())
                                .text(registration.operator())
                                .text(registration.registry())
                                .instant(time.now())
                                .text(registration.agentId()));
            }
            return find(registration.agentId()).orElseThrow();
        });
    }

    @Override
    public Optional<AgentRecord> find(String agentId) {
        return jdbc.queryOne(
                "SELECT " + COLUMNS + " FROM agents WHERE agent_id = ?", p -> p.text(agentId), JdbcAgentStore::map);
    }

    @Override
    public List<AgentRecord> all() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM agents ORDER BY agent_id", Jdbc.Binder.NONE, JdbcAgentStore::map);
    }

    @Override
    public Optional<AgentRecord> setPaused(String agentId, boolean paused) {
        return db.inTransaction(() -> {
            jdbc.update(
                    "UPDATE agents SET paused = ?, updated_at = ? WHERE agent_id = ?",
                    p -> p.bool(paused).instant(time.now()).text(agentId));
            return find(agentId);
        });
    }

    @Override
    public boolean isPaused(String agentId) {
        return find(agentId).map(AgentRecord::paused).orElse(false);
    }

    private static AgentRecord map(ResultSet rows) throws SQLException {
        return new AgentRecord(
                rows.getString("agent_id"),
                rows.getString("chain"),
                rows.getString("name"),
                rows.getString("operator"),
                rows.getString("registry"),
                rows.getInt("proposals_submitted"),
                rows.getInt("proposals_executed"),
                rows.getInt("proposals_improved"),
                rows.getBoolean("paused"),
                Sql.getInstant(rows, "updated_at"));
    }
}
