package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.RankedAgent;
import io.chaoschain.reputation.scoring.ReputationScores;
import io.chaoschain.reputation.service.AttestationEntry;
import io.chaoschain.reputation.service.ContributionFact;
import io.chaoschain.reputation.service.FeedbackRevoked;
import io.chaoschain.reputation.service.NewFeedback;
import io.chaoschain.reputation.service.ReputationCounts;
import io.chaoschain.reputation.service.ReputationRepository;
import io.chaoschain.reputation.service.ScoreRow;
import io.chaoschain.reputation.service.ScoreSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** {@link ReputationRepository} on the node's database (H2 or PostgreSQL, same SQL). */
public final class JdbcReputationRepository implements ReputationRepository {
    private static final String ATTESTATION_COLUMNS =
            "uid, attester, recipient, agent_id, schema_uid, attested_at, kind, chain, area, subject, amount, value_decimals,"
                    + " signed_json";

    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcReputationRepository(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public boolean appendAttestation(AttestationEntry e) {
        return jdbc.insertIgnoringDuplicate(
                "INSERT INTO reputation_attestations (" + ATTESTATION_COLUMNS + ", recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.text(e.uid())
                        .text(e.attester())
                        .text(e.recipient())
                        .text(e.agentId())
                        .text(e.schemaUid())
                        .instant(e.attestedAt())
                        .text(e.kind())
                        .text(e.domain().chain())
                        .text(e.domain().area())
                        .text(e.subject())
                        .decimal(new BigDecimal(e.value()))
                        .integer(e.valueDecimals())
                        .text(e.signedJson())
                        .instant(time.now()));
    }

    @Override
    public boolean appendFeedback(NewFeedback f, Domain domain) {
        return jdbc.insertIgnoringDuplicate(
                "INSERT INTO reputation_feedback (chain_id, tx_hash, log_index, agent_id, client, feedback_index, amount,"
                        + " value_decimals, tag1, tag2, chain, area, given_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.bigint(f.chainId())
                        .text(f.txHash())
                        .integer(f.logIndex())
                        .text(f.agentKey())
                        .text(f.client())
                        .bigint(f.feedbackIndex())
                        .decimal(new BigDecimal(f.value()))
                        .integer(f.valueDecimals())
                        .text(f.tag1())
                        .text(f.tag2())
                        .text(domain.chain())
                        .text(domain.area())
                        .instant(f.blockTime()));
    }

    @Override
    public boolean appendRevocation(FeedbackRevoked r) {
        return jdbc.insertIgnoringDuplicate(
                "INSERT INTO reputation_feedback_revocations (chain_id, tx_hash, log_index, agent_id, client, feedback_index,"
                        + " revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                p -> p.bigint(r.chainId())
                        .text(r.txHash())
                        .integer(r.logIndex())
                        .text(r.agentKey())
                        .text(r.client())
                        .bigint(r.feedbackIndex())
                        .instant(r.blockTime()));
    }

    @Override
    public void linkReviewer(String address, String agentId) {
        String lower = Fields.requireText(address, "address", 42).toLowerCase(Locale.ROOT);
        Fields.requireText(agentId, "agentId", 128);
        db.inTransaction(() -> {
            if (jdbc.update(
                            "UPDATE reputation_reviewers SET agent_id = ? WHERE address = ?",
                            p -> p.text(agentId).text(lower))
                    == 0) {
                jdbc.insertIgnoringDuplicate(
                        "INSERT INTO reputation_reviewers (address, agent_id) VALUES (?, ?)",
                        p -> p.text(lower).text(agentId));
            }
        });
    }

    @Override
    public Map<String, String> reviewerAgents() {
        Map<String, String> out = new HashMap<>();
        jdbc.query(
                        "SELECT address, agent_id FROM reputation_reviewers",
                        Jdbc.Binder.NONE,
                        rows -> Map.entry(rows.getString(1), rows.getString(2)))
                .forEach(link -> out.put(link.getKey(), link.getValue()));
        return out;
    }

    @Override
    public Optional<AttestationEntry> attestation(String uid) {
        String key = Fields.hash32(uid, "uid");
        return jdbc.queryOne(
                "SELECT " + ATTESTATION_COLUMNS + " FROM reputation_attestations WHERE uid = ?",
                p -> p.text(key),
                JdbcReputationRepository::attestation);
    }

    @Override
    public List<AttestationEntry> attestationsOf(String agentId, int limit) {
        requireLimit(limit);
        return jdbc.query(
                "SELECT " + ATTESTATION_COLUMNS + " FROM reputation_attestations WHERE agent_id = ?"
                        + " ORDER BY attested_at DESC, uid LIMIT ?",
                p -> p.text(agentId).integer(limit),
                JdbcReputationRepository::attestation);
    }

    @Override
    public long attestationCount(String agentId) {
        return jdbc.queryLong("SELECT COUNT(*) FROM reputation_attestations WHERE agent_id = ?", p -> p.text(agentId));
    }

    @Override
    public void forEachContribution(Consumer<ContributionFact> sink) {
        jdbc.forEach(
                "SELECT uid, agent_id, chain, area, kind, amount, value_decimals, attested_at"
                        + " FROM reputation_attestations ORDER BY uid",
                Jdbc.Binder.NONE,
                rows -> new ContributionFact(
                        rows.getString(1),
                        rows.getString(2),
                        new Domain(rows.getString(3), rows.getString(4)),
                        rows.getString(5),
                        rows.getBigDecimal(6).toBigIntegerExact(),
                        rows.getInt(7),
                        Sql.getInstant(rows, "attested_at")),
                sink);
    }

    @Override
    public void forEachFeedback(Consumer<FeedbackEvent> sink) {
        // one Domain per distinct (chain, area): a million events share a handful
        Map<String, Domain> domains = new HashMap<>();
        jdbc.forEach(
                "SELECT f.client, f.agent_id, f.chain, f.area, f.amount, f.value_decimals, f.given_at,"
                        + " EXISTS (SELECT 1 FROM reputation_feedback_revocations r WHERE r.chain_id = f.chain_id"
                        + " AND r.agent_id = f.agent_id AND r.client = f.client AND r.feedback_index = f.feedback_index)"
                        + " AS revoked FROM reputation_feedback f ORDER BY f.id",
                Jdbc.Binder.NONE,
                rows -> {
                    String chain = rows.getString(3);
                    String area = rows.getString(4);
                    Domain domain = domains.computeIfAbsent(chain + '\n' + area, k -> new Domain(chain, area));
                    return new FeedbackEvent(
                            rows.getString(1),
                            rows.getString(2),
                            domain,
                            rows.getBigDecimal(5).toBigIntegerExact(),
                            rows.getInt(6),
                            Sql.getInstant(rows, "given_at"),
                            rows.getBoolean(8));
                },
                sink);
    }

    @Override
    public ReputationCounts counts() {
        return jdbc.queryOne(
                        "SELECT (SELECT COUNT(*) FROM reputation_attestations),"
                                + " (SELECT COUNT(*) FROM reputation_feedback),"
                                + " (SELECT COUNT(*) FROM reputation_feedback_revocations)",
                        Jdbc.Binder.NONE,
                        rows -> new ReputationCounts(rows.getLong(1), rows.getLong(2), rows.getLong(3)))
                .orElseThrow();
    }

    @Override
    public Optional<Instant> latestEventTime() {
        return jdbc.queryOne(
                        "SELECT MAX(t) AS latest FROM (SELECT MAX(attested_at) AS t FROM reputation_attestations"
                                + " UNION ALL SELECT MAX(given_at) AS t FROM reputation_feedback) times",
                        Jdbc.Binder.NONE,
                        rows -> Optional.ofNullable(Sql.getInstant(rows, "latest")))
                .flatMap(latest -> latest);
    }

    @Override
    public void saveScores(
            long generation, Instant computedAt, Collection<ScoreRow> scores, Collection<ScoreRow> snapshot) {
        db.inTransaction(() -> {
            jdbc.update("DELETE FROM reputation_scores", Jdbc.Binder.NONE);
            insertScores("reputation_scores", generation, computedAt, scores);
            insertScores("reputation_score_history", generation, computedAt, snapshot);
        });
    }

    private void insertScores(String table, long generation, Instant computedAt, Collection<ScoreRow> rows) {
        jdbc.batch(
                "INSERT INTO " + table + " (agent_id, chain, area, score, generation, computed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
                (p, row) -> p.text(row.agentId())
                        .text(row.domain().chain())
                        .text(row.domain().area())
                        .decimal(row.score())
                        .bigint(generation)
                        .instant(computedAt));
    }

    @Override
    public OptionalLong scoresGeneration() {
        return jdbc.queryOne(
                        "SELECT MAX(generation) FROM (SELECT generation FROM reputation_scores"
                                + " UNION ALL SELECT generation FROM reputation_score_history) g",
                        Jdbc.Binder.NONE,
                        rows -> {
                            long value = rows.getLong(1);
                            return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
                        })
                .orElseThrow();
    }

    @Override
    public List<RankedAgent> leaderboard(Domain domain, int limit) {
        requireLimit(limit);
        return jdbc.query(
                "SELECT agent_id, score FROM reputation_scores WHERE chain = ? AND area = ?"
                        + " ORDER BY score DESC, agent_id LIMIT ?",
                p -> p.text(domain.chain()).text(domain.area()).integer(limit),
                JdbcReputationRepository::ranked);
    }

    @Override
    public List<RankedAgent> overallLeaderboard(int limit) {
        requireLimit(limit);
        return jdbc.query(
                "SELECT agent_id, SUM(score) AS total FROM reputation_scores GROUP BY agent_id"
                        + " ORDER BY total DESC, agent_id LIMIT ?",
                p -> p.integer(limit),
                JdbcReputationRepository::ranked);
    }

    @Override
    public List<ScoreRow> scoresOf(String agentId) {
        return jdbc.query(
                "SELECT chain, area, score FROM reputation_scores WHERE agent_id = ? ORDER BY chain, area",
                p -> p.text(agentId),
                rows -> new ScoreRow(agentId, new Domain(rows.getString(1), rows.getString(2)), score(rows, 3)));
    }

    @Override
    public List<ScoreSnapshot> history(String agentId, Domain domain, int limit) {
        requireLimit(limit);
        String where = domain == null ? "agent_id = ?" : "agent_id = ? AND chain = ? AND area = ?";
        return jdbc.query(
                "SELECT chain, area, score, generation, computed_at FROM (SELECT id, chain, area, score,"
                        + " generation, computed_at FROM reputation_score_history WHERE " + where
                        + " ORDER BY id DESC LIMIT ?) recent ORDER BY id",
                p -> {
                    p.text(agentId);
                    if (domain != null) {
                        p.text(domain.chain()).text(domain.area());
                    }
                    p.integer(limit);
                },
                rows -> new ScoreSnapshot(
                        agentId,
                        new Domain(rows.getString(1), rows.getString(2)),
                        score(rows, 3),
                        rows.getLong(4),
                        Sql.getInstant(rows, "computed_at")));
    }

    private static RankedAgent ranked(ResultSet rows) throws SQLException {
        return new RankedAgent(rows.getString(1), score(rows, 2));
    }

    /** Scores keep the engine's fixed scale, so a stored score equals the computed one. */
    private static BigDecimal score(ResultSet rows, int column) throws SQLException {
        return rows.getBigDecimal(column).setScale(ReputationScores.SCALE, RoundingMode.UNNECESSARY);
    }

    private static AttestationEntry attestation(ResultSet rows) throws SQLException {
        return new AttestationEntry(
                rows.getString("uid"),
                rows.getString("attester"),
                rows.getString("recipient"),
                rows.getString("agent_id"),
                rows.getString("schema_uid"),
                Sql.getInstant(rows, "attested_at"),
                rows.getString("kind"),
                new Domain(rows.getString("chain"), rows.getString("area")),
                rows.getString("subject"),
                rows.getBigDecimal("amount").toBigIntegerExact(),
                rows.getInt("value_decimals"),
                rows.getString("signed_json"));
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit must be between 1 and 100000, got " + limit);
        }
    }
}
