package io.chaoschain.node.store;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.RankedAgent;
import io.chaoschain.reputation.scoring.ReputationScores;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
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
  /** Rows fetched per round trip while streaming the log; PostgreSQL only streams inside a transaction. */
  private static final int FETCH_SIZE = 10_000;
  private static final int BATCH = 1_000;
  private static final String ATTESTATION_COLUMNS =
      "uid, attester, recipient, agent_id, schema_uid, attested_at, kind, chain, area, subject, amount, value_decimals,"
          + " signed_json";

  private final Database db;
  private final TimeProvider time;

  public JdbcReputationRepository(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public boolean appendAttestation(AttestationEntry e) {
    return db.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO reputation_attestations (" + ATTESTATION_COLUMNS + ", recorded_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, e.uid());
            insert.setString(2, e.attester());
            insert.setString(3, e.recipient());
            insert.setString(4, e.agentId());
            insert.setString(5, e.schemaUid());
            Sql.setInstant(insert, 6, e.attestedAt());
            insert.setString(7, e.kind());
            insert.setString(8, e.domain().chain());
            insert.setString(9, e.domain().area());
            insert.setString(10, e.subject());
            insert.setBigDecimal(11, new BigDecimal(e.value()));
            insert.setInt(12, e.valueDecimals());
            insert.setString(13, e.signedJson());
            Sql.setInstant(insert, 14, time.now());
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean appendFeedback(FeedbackEntry f) {
    return db.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO reputation_feedback (chain_id, tx_hash, log_index, agent_id, client, feedback_index,"
                      + " amount, value_decimals, tag1, tag2, chain, area, given_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, f.chainId());
            insert.setString(2, f.txHash());
            insert.setInt(3, f.logIndex());
            insert.setString(4, f.agentId());
            insert.setString(5, f.client());
            insert.setLong(6, f.feedbackIndex());
            insert.setBigDecimal(7, new BigDecimal(f.value()));
            insert.setInt(8, f.valueDecimals());
            insert.setString(9, f.tag1());
            insert.setString(10, f.tag2());
            insert.setString(11, f.domain().chain());
            insert.setString(12, f.domain().area());
            Sql.setInstant(insert, 13, f.givenAt());
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean appendRevocation(FeedbackRevocation r) {
    return db.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO reputation_feedback_revocations (chain_id, tx_hash, log_index, agent_id, client,"
                      + " feedback_index, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, r.chainId());
            insert.setString(2, r.txHash());
            insert.setInt(3, r.logIndex());
            insert.setString(4, r.agentId());
            insert.setString(5, r.client());
            insert.setLong(6, r.feedbackIndex());
            Sql.setInstant(insert, 7, r.revokedAt());
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void linkReviewer(String address, String agentId) {
    String lower = Sql.requireText(address, "address", 42).toLowerCase(Locale.ROOT);
    Sql.requireText(agentId, "agentId", 128);
    db.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE reputation_reviewers SET agent_id = ? WHERE address = ?")) {
            update.setString(1, agentId);
            update.setString(2, lower);
            if (update.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO reputation_reviewers (address, agent_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, lower);
            insert.setString(2, agentId);
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Map<String, String> reviewerAgents() {
    return db.withConnection(
        connection -> {
          Map<String, String> out = new HashMap<>();
          try (PreparedStatement select = connection.prepareStatement("SELECT address, agent_id FROM reputation_reviewers");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              out.put(rows.getString(1), rows.getString(2));
            }
          }
          return out;
        });
  }

  @Override
  public Optional<AttestationEntry> attestation(String uid) {
    String key = Sql.hash32(uid, "uid");
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + ATTESTATION_COLUMNS + " FROM reputation_attestations WHERE uid = ?")) {
            select.setString(1, key);
            return readAttestations(select).stream().findFirst();
          }
        });
  }

  @Override
  public List<AttestationEntry> attestationsOf(String agentId, int limit) {
    requireLimit(limit);
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + ATTESTATION_COLUMNS + " FROM reputation_attestations WHERE agent_id = ?"
                      + " ORDER BY attested_at DESC, uid LIMIT ?")) {
            select.setString(1, agentId);
            select.setInt(2, limit);
            return readAttestations(select);
          }
        });
  }

  @Override
  public long attestationCount(String agentId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT COUNT(*) FROM reputation_attestations WHERE agent_id = ?")) {
            select.setString(1, agentId);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  @Override
  public void forEachContribution(Consumer<ContributionFact> sink) {
    db.transaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT uid, agent_id, chain, area, kind, amount, value_decimals, attested_at"
                      + " FROM reputation_attestations ORDER BY uid")) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                sink.accept(
                    new ContributionFact(
                        rows.getString(1),
                        rows.getString(2),
                        new Domain(rows.getString(3), rows.getString(4)),
                        rows.getString(5),
                        rows.getBigDecimal(6).toBigIntegerExact(),
                        rows.getInt(7),
                        Sql.getInstant(rows, "attested_at")));
              }
            }
          }
          return null;
        });
  }

  @Override
  public void forEachFeedback(Consumer<FeedbackEvent> sink) {
    db.transaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT f.client, f.agent_id, f.chain, f.area, f.amount, f.value_decimals, f.given_at,"
                      + " EXISTS (SELECT 1 FROM reputation_feedback_revocations r WHERE r.chain_id = f.chain_id"
                      + " AND r.agent_id = f.agent_id AND r.client = f.client AND r.feedback_index = f.feedback_index)"
                      + " AS revoked FROM reputation_feedback f ORDER BY f.id")) {
            select.setFetchSize(FETCH_SIZE);
            // one Domain per distinct (chain, area): a million events share a handful
            Map<String, Domain> domains = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                String chain = rows.getString(3);
                String area = rows.getString(4);
                Domain domain = domains.computeIfAbsent(chain + '\n' + area, k -> new Domain(chain, area));
                sink.accept(
                    new FeedbackEvent(
                        rows.getString(1),
                        rows.getString(2),
                        domain,
                        rows.getBigDecimal(5).toBigIntegerExact(),
                        rows.getInt(6),
                        Sql.getInstant(rows, "given_at"),
                        rows.getBoolean(8)));
              }
            }
          }
          return null;
        });
  }

  @Override
  public ReputationCounts counts() {
    return db.withConnection(
        connection -> {
          try (Statement s = connection.createStatement();
              ResultSet rows =
                  s.executeQuery(
                      "SELECT (SELECT COUNT(*) FROM reputation_attestations),"
                          + " (SELECT COUNT(*) FROM reputation_feedback),"
                          + " (SELECT COUNT(*) FROM reputation_feedback_revocations)")) {
            rows.next();
            return new ReputationCounts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
          }
        });
  }

  @Override
  public void saveScores(
      long generation, Instant computedAt, Collection<ScoreRow> scores, Collection<ScoreRow> snapshot) {
    db.transaction(
        connection -> {
          try (Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM reputation_scores");
          }
          insertScores(connection, "reputation_scores", generation, computedAt, scores);
          insertScores(connection, "reputation_score_history", generation, computedAt, snapshot);
          return null;
        });
  }

  private static void insertScores(
      Connection connection, String table, long generation, Instant computedAt, Collection<ScoreRow> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (agent_id, chain, area, score, generation, computed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (ScoreRow row : rows) {
        insert.setString(1, row.agentId());
        insert.setString(2, row.domain().chain());
        insert.setString(3, row.domain().area());
        insert.setBigDecimal(4, row.score());
        insert.setLong(5, generation);
        Sql.setInstant(insert, 6, computedAt);
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }

  @Override
  public OptionalLong scoresGeneration() {
    return db.withConnection(
        connection -> {
          try (Statement s = connection.createStatement();
              ResultSet rows =
                  s.executeQuery(
                      "SELECT MAX(generation) FROM (SELECT generation FROM reputation_scores"
                          + " UNION ALL SELECT generation FROM reputation_score_history) g")) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
          }
        });
  }

  @Override
  public List<RankedAgent> leaderboard(Domain domain, int limit) {
    requireLimit(limit);
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT agent_id, score FROM reputation_scores WHERE chain = ? AND area = ?"
                      + " ORDER BY score DESC, agent_id LIMIT ?")) {
            select.setString(1, domain.chain());
            select.setString(2, domain.area());
            select.setInt(3, limit);
            return readRanking(select);
          }
        });
  }

  @Override
  public List<RankedAgent> overallLeaderboard(int limit) {
    requireLimit(limit);
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT agent_id, SUM(score) AS total FROM reputation_scores GROUP BY agent_id"
                      + " ORDER BY total DESC, agent_id LIMIT ?")) {
            select.setInt(1, limit);
            return readRanking(select);
          }
        });
  }

  @Override
  public List<ScoreRow> scoresOf(String agentId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT chain, area, score FROM reputation_scores WHERE agent_id = ? ORDER BY chain, area")) {
            select.setString(1, agentId);
            List<ScoreRow> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(new ScoreRow(agentId, new Domain(rows.getString(1), rows.getString(2)), score(rows, 3)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public List<ScoreSnapshot> history(String agentId, Domain domain, int limit) {
    requireLimit(limit);
    return db.withConnection(
        connection -> {
          String where = domain == null ? "agent_id = ?" : "agent_id = ? AND chain = ? AND area = ?";
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT chain, area, score, generation, computed_at FROM (SELECT id, chain, area, score, generation,"
                      + " computed_at FROM reputation_score_history WHERE " + where
                      + " ORDER BY id DESC LIMIT ?) recent ORDER BY id")) {
            int i = 1;
            select.setString(i++, agentId);
            if (domain != null) {
              select.setString(i++, domain.chain());
              select.setString(i++, domain.area());
            }
            select.setInt(i, limit);
            List<ScoreSnapshot> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(new ScoreSnapshot(agentId, new Domain(rows.getString(1), rows.getString(2)), score(rows, 3),
                    rows.getLong(4), Sql.getInstant(rows, "computed_at")));
              }
            }
            return out;
          }
        });
  }

  private static List<RankedAgent> readRanking(PreparedStatement select) throws SQLException {
    List<RankedAgent> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.add(new RankedAgent(rows.getString(1), score(rows, 2)));
      }
    }
    return out;
  }

  /** Scores keep the engine's fixed scale, so a stored score equals the computed one. */
  private static BigDecimal score(ResultSet rows, int column) throws SQLException {
    return rows.getBigDecimal(column).setScale(ReputationScores.SCALE, RoundingMode.UNNECESSARY);
  }

  private static List<AttestationEntry> readAttestations(PreparedStatement select) throws SQLException {
    List<AttestationEntry> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.add(
            new AttestationEntry(
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
                rows.getString("signed_json")));
      }
    }
    return out;
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("limit must be between 1 and 100000, got " + limit);
    }
  }
}
