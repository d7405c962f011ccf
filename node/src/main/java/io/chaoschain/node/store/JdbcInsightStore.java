package io.chaoschain.node.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chaoschain.agent.insight.RelevanceDecision;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.core.TimeProvider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link InsightStore} on the node's database (tables of migration V5). */
public final class JdbcInsightStore implements InsightStore {
  private static final String INSIGHT_COLUMNS = "insight_id, direction, via, peer, insight_json, envelope_hex, recorded_at";
  private static final String DECISION_COLUMNS = "id, insight_id, agent_id, structural_score, semantic_score, score,"
      + " threshold, relevant, reasons, adopted_proposal_id, decided_at";
  private static final String CONTRIBUTION_COLUMNS = "id, insight_id, adopter_agent, adopter_chain_id, adopter_proposal,"
      + " simulation_report_hash, adopted_value, peer, reason, recorded_at";

  private final Database db;
  private final TimeProvider time;

  public JdbcInsightStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public boolean save(SharedInsight insight, Direction direction, String via, String peer, String envelopeHex) {
    return db.transaction(c -> {
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM p2p_insights WHERE insight_id = ?")) {
        exists.setString(1, insight.id());
        try (ResultSet rows = exists.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO p2p_insights (insight_id, direction, via, peer,"
          + " source_chain_id, source_agent, symptom, selector, parameter, summary, insight_json, envelope_hex,"
          + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, insight.id());
        insert.setString(2, direction.name());
        insert.setString(3, via);
        Sql.setString(insert, 4, peer);
        insert.setLong(5, insight.sourceChainId());
        insert.setString(6, insight.sourceAgent());
        insert.setString(7, insight.symptom());
        insert.setString(8, insight.selector());
        insert.setString(9, insight.parameter());
        insert.setString(10, insight.summary());
        insert.setString(11, Json.write(insight));
        insert.setString(12, envelopeHex);
        Sql.setInstant(insert, 13, time.now());
        insert.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public Optional<StoredInsight> find(String insightId) {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + INSIGHT_COLUMNS + " FROM p2p_insights WHERE insight_id = ?")) {
        s.setString(1, insightId);
        List<StoredInsight> found = readInsights(s);
        return found.stream().findFirst();
      }
    });
  }

  @Override
  public List<StoredInsight> all() {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + INSIGHT_COLUMNS + " FROM p2p_insights ORDER BY recorded_at, insight_id")) {
        return readInsights(s);
      }
    });
  }

  @Override
  public List<StoredInsight> byDirection(Direction direction) {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + INSIGHT_COLUMNS
          + " FROM p2p_insights WHERE direction = ? ORDER BY recorded_at, insight_id")) {
        s.setString(1, direction.name());
        return readInsights(s);
      }
    });
  }

  @Override
  public StoredRelevance recordDecision(String agentId, RelevanceDecision d) {
    return db.transaction(c -> {
      long id;
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO p2p_relevance (insight_id, agent_id,"
          + " structural_score, semantic_score, score, threshold, relevant, reasons, decided_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, d.insightId());
        insert.setString(2, agentId);
        insert.setDouble(3, d.structuralScore());
        insert.setDouble(4, d.semanticScore());
        insert.setDouble(5, d.score());
        insert.setDouble(6, d.threshold());
        insert.setBoolean(7, d.relevant());
        insert.setString(8, Json.write(d.reasons()));
        Sql.setInstant(insert, 9, time.now());
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT " + DECISION_COLUMNS + " FROM p2p_relevance WHERE id = ?")) {
        s.setLong(1, id);
        return readDecisions(s).getFirst();
      }
    });
  }

  @Override
  public void markAdopted(long decisionId, long proposalId) {
    db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE p2p_relevance SET adopted_proposal_id = ? WHERE id = ?")) {
        s.setLong(1, proposalId);
        s.setLong(2, decisionId);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public List<StoredRelevance> decisions() {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + DECISION_COLUMNS + " FROM p2p_relevance ORDER BY id")) {
        return readDecisions(s);
      }
    });
  }

  @Override
  public boolean recordContribution(String insightId, String adopterAgent, long adopterChainId, String adopterProposal,
      String simulationReportHash, String adoptedValue, String peer, String reason) {
    return db.transaction(c -> {
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM p2p_contributions WHERE insight_id = ?"
          + " AND adopter_agent = ? AND adopter_chain_id = ? AND adopter_proposal = ?")) {
        exists.setString(1, insightId);
        exists.setString(2, adopterAgent);
        exists.setLong(3, adopterChainId);
        exists.setString(4, adopterProposal);
        try (ResultSet rows = exists.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO p2p_contributions (insight_id, adopter_agent,"
          + " adopter_chain_id, adopter_proposal, simulation_report_hash, adopted_value, peer, reason, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, insightId);
        insert.setString(2, adopterAgent);
        insert.setLong(3, adopterChainId);
        insert.setString(4, adopterProposal);
        insert.setString(5, simulationReportHash);
        Sql.setString(insert, 6, adoptedValue);
        Sql.setString(insert, 7, peer);
        insert.setString(8, reason);
        Sql.setInstant(insert, 9, time.now());
        insert.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public List<StoredContribution> contributions() {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + CONTRIBUTION_COLUMNS + " FROM p2p_contributions ORDER BY id");
          ResultSet r = s.executeQuery()) {
        List<StoredContribution> out = new ArrayList<>();
        while (r.next()) {
          out.add(new StoredContribution(r.getLong("id"), r.getString("insight_id"), r.getString("adopter_agent"),
              r.getLong("adopter_chain_id"), r.getString("adopter_proposal"), r.getString("simulation_report_hash"),
              r.getString("adopted_value"), r.getString("peer"), r.getString("reason"), Sql.getInstant(r, "recorded_at")));
        }
        return out;
      }
    });
  }

  private static List<StoredInsight> readInsights(PreparedStatement s) throws SQLException {
    List<StoredInsight> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(new StoredInsight(Json.read(r.getString("insight_json"), SharedInsight.class),
            Direction.valueOf(r.getString("direction")), r.getString("via"), r.getString("peer"),
            r.getString("envelope_hex"), Sql.getInstant(r, "recorded_at")));
      }
    }
    return out;
  }

  private static List<StoredRelevance> readDecisions(PreparedStatement s) throws SQLException {
    List<StoredRelevance> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long adopted = r.getLong("adopted_proposal_id");
        Long adoptedId = r.wasNull() ? null : adopted;
        out.add(new StoredRelevance(r.getLong("id"), r.getString("insight_id"), r.getString("agent_id"),
            r.getDouble("structural_score"), r.getDouble("semantic_score"), r.getDouble("score"), r.getDouble("threshold"),
            r.getBoolean("relevant"), Json.read(r.getString("reasons"), new TypeReference<List<String>>() {}), adoptedId,
            Sql.getInstant(r, "decided_at")));
      }
    }
    return out;
  }
}
