package io.chaoschain.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chaoschain.agent.insight.RelevanceDecision;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.core.Json;
import io.chaoschain.core.TimeProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link InsightStore} on the node's database (tables of migration V5). */
public final class JdbcInsightStore implements InsightStore {
    private static final String INSIGHT_COLUMNS =
            "insight_id, direction, via, peer, insight_json, envelope_hex, recorded_at";
    private static final String DECISION_COLUMNS = "id, insight_id, agent_id, structural_score, semantic_score, score,"
            + " threshold, relevant, reasons, adopted_proposal_id, decided_at";
    private static final String CONTRIBUTION_COLUMNS =
            "id, insight_id, adopter_agent, adopter_chain_id, adopter_proposal,"
                    + " simulation_report_hash, adopted_value, peer, reason, recorded_at";

    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};

    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcInsightStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public boolean save(SharedInsight insight, Direction direction, String via, String peer, String envelopeHex) {
        return db.inTransaction(() -> {
            if (jdbc.queryOne("SELECT 1 FROM p2p_insights WHERE insight_id = ?", p -> p.text(insight.id()), row -> true)
                    .isPresent()) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO p2p_insights (insight_id, direction, via, peer, source_chain_id, source_agent, symptom,"
                            + " selector, parameter, summary, insight_json, envelope_hex, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p -> p.text(insight.id())
                            .text(direction.name())
                            .text(via)
                            .text(peer)
                            .bigint(insight.sourceChainId())
                            .text(insight.sourceAgent())
                            .text(insight.symptom())
                            .text(insight.selector())
                            .text(insight.parameter())
                            .text(insight.summary())
                            .text(Json.write(insight))
                            .text(envelopeHex)
                            .instant(time.now()));
            return true;
        });
    }

    @Override
    public Optional<StoredInsight> find(String insightId) {
        return jdbc.queryOne(
                "SELECT " + INSIGHT_COLUMNS + " FROM p2p_insights WHERE insight_id = ?",
                p -> p.text(insightId),
                JdbcInsightStore::insight);
    }

    @Override
    public List<StoredInsight> all() {
        return jdbc.query(
                "SELECT " + INSIGHT_COLUMNS + " FROM p2p_insights ORDER BY recorded_at, insight_id",
                Jdbc.Binder.NONE,
                JdbcInsightStore::insight);
    }

    @Override
    public List<StoredInsight> byDirection(Direction direction) {
        return jdbc.query(
                "SELECT " + INSIGHT_COLUMNS + " FROM p2p_insights WHERE direction = ?"
                        + " ORDER BY recorded_at, insight_id",
                p -> p.text(direction.name()),
                JdbcInsightStore::insight);
    }

    @Override
    public StoredRelevance recordDecision(String agentId, RelevanceDecision d) {
        return db.inTransaction(() -> {
            long id = jdbc.insertReturningId(
                    "INSERT INTO p2p_relevance (insight_id, agent_id, structural_score,"
                            + " semantic_score, score, threshold, relevant, reasons, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p -> p.text(d.insightId())
                            .text(agentId)
                            .real(d.structuralScore())
                            .real(d.semanticScore())
                            .real(d.score())
                            .real(d.threshold())
                            .bool(d.relevant())
                            .text(Json.write(d.reasons()))
                            .instant(time.now()));
            return jdbc.queryOne(
                            "SELECT " + DECISION_COLUMNS + " FROM p2p_relevance WHERE id = ?",
                            p -> p.bigint(id),
                            JdbcInsightStore::decision)
                    .orElseThrow();
        });
    }

    @Override
    public void markAdopted(long decisionId, long proposalId) {
        jdbc.update(
                "UPDATE p2p_relevance SET adopted_proposal_id = ? WHERE id = ?",
                p -> p.bigint(proposalId).bigint(decisionId));
    }

    @Override
    public List<StoredRelevance> decisions() {
        return jdbc.query(
                "SELECT " + DECISION_COLUMNS + " FROM p2p_relevance ORDER BY id",
                Jdbc.Binder.NONE,
                JdbcInsightStore::decision);
    }

    @Override
    public boolean recordContribution(
            String insightId,
            String adopterAgent,
            long adopterChainId,
            String adopterProposal,
            String simulationReportHash,
            String adoptedValue,
            String peer,
            String reason) {
        return db.inTransaction(() -> {
            boolean known = jdbc.queryOne(
                            "SELECT 1 FROM p2p_contributions WHERE insight_id = ? AND adopter_agent = ?"
                                    + " AND adopter_chain_id = ? AND adopter_proposal = ?",
                            p -> p.text(insightId)
                                    .text(adopterAgent)
                                    .bigint(adopterChainId)
                                    .text(adopterProposal),
                            row -> true)
                    .isPresent();
            if (known) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO p2p_contributions (insight_id, adopter_agent, adopter_chain_id, adopter_proposal,"
                            + " simulation_report_hash, adopted_value, peer, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p -> p.text(insightId)
                            .text(adopterAgent)
                            .bigint(adopterChainId)
                            .text(adopterProposal)
                            .text(simulationReportHash)
                            .text(adoptedValue)
                            .text(peer)
                            .text(reason)
                            .instant(time.now()));
            return true;
        });
    }

    @Override
    public List<StoredContribution> contributions() {
        return jdbc.query(
                "SELECT " + CONTRIBUTION_COLUMNS + " FROM p2p_contributions ORDER BY id",
                Jdbc.Binder.NONE,
                r -> new StoredContribution(
                        r.getLong("id"),
                        r.getString("insight_id"),
                        r.getString("adopter_agent"),
                        r.getLong("adopter_chain_id"),
                        r.getString("adopter_proposal"),
                        r.getString("simulation_report_hash"),
                        r.getString("adopted_value"),
                        r.getString("peer"),
                        r.getString("reason"),
                        Sql.getInstant(r, "recorded_at")));
    }

    private static StoredInsight insight(ResultSet r) throws SQLException {
        return new StoredInsight(
                Json.read(r.getString("insight_json"), SharedInsight.class),
                Direction.valueOf(r.getString("direction")),
                r.getString("via"),
                r.getString("peer"),
                r.getString("envelope_hex"),
                Sql.getInstant(r, "recorded_at"));
    }

    private static StoredRelevance decision(ResultSet r) throws SQLException {
        long adopted = r.getLong("adopted_proposal_id");
        Long adoptedId = r.wasNull() ? null : adopted;
        return new StoredRelevance(
                r.getLong("id"),
                r.getString("insight_id"),
                r.getString("agent_id"),
                r.getDouble("structural_score"),
                r.getDouble("semantic_score"),
                r.getDouble("score"),
                r.getDouble("threshold"),
                r.getBoolean("relevant"),
                Json.read(r.getString("reasons"), REASONS),
                adoptedId,
                Sql.getInstant(r, "decided_at"));
    }
}
