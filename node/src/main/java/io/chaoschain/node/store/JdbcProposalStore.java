package io.chaoschain.node.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chaoschain.core.Hex;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ProposalStore} on the node's database. */
public final class JdbcProposalStore implements ProposalStore {
  private static final TypeReference<List<ProposalAction>> ACTIONS = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, chain, governor, onchain_id, agent_id, state, title, description, actions_json, change_json, report_hash,"
          + " submit_tx_hash, queue_tx_hash, execute_tx_hash, created_at, updated_at, eta, outcome_json";

  private final Database db;
  private final TimeProvider time;

  public JdbcProposalStore(Database db, TimeProvider time) {
    this.db = db;
    this.time = time;
  }

  @Override
  public StoredProposal create(String chain, String governor, String agentId, ProposalDraft draft) {
    Sql.requireText(chain, "chain", 64);
    String gov = Hex.address(governor, "governor");
    if (agentId != null) {
      Sql.requireText(agentId, "agentId", 128);
    }
    Objects.requireNonNull(draft, "draft");
    return db.transaction(connection -> find(connection, insert(connection, chain, gov, null, agentId, draft,
        ProposalState.DRAFTED)).orElseThrow());
  }

  @Override
  public StoredProposal recordDetected(
      String chain, String governor, BigInteger onchainId, ProposalDraft draft, ProposalState state) {
    Sql.requireText(chain, "chain", 64);
    String gov = Hex.address(governor, "governor");
    Sql.uint256(onchainId, "onchainId");
    Objects.requireNonNull(draft, "draft");
    if (!ProposalTransitions.isOnChain(state)) {
      throw new IllegalArgumentException("a detected proposal must be in an on-chain state, got " + state);
    }
    return db.transaction(
        connection -> {
          Optional<StoredProposal> known = findByOnchainId(connection, chain, gov, onchainId);
          if (known.isPresent()) {
            return known.get();
          }
          return find(connection, insert(connection, chain, gov, onchainId, null, draft, state)).orElseThrow();
        });
  }

  @Override
  public Optional<StoredProposal> find(long id) {
    return db.withConnection(connection -> find(connection, id));
  }

  @Override
  public Optional<StoredProposal> findByOnchainId(String chain, String governor, BigInteger onchainId) {
    String gov = Hex.address(governor, "governor");
    return db.withConnection(connection -> findByOnchainId(connection, chain, gov, onchainId));
  }

  @Override
  public List<StoredProposal> all() {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM proposals ORDER BY id DESC")) {
            return readAll(select);
          }
        });
  }

  @Override
  public List<StoredProposal> inStates(Set<ProposalState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String placeholders = states.stream().map(s -> "?").collect(Collectors.joining(", "));
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM proposals WHERE state IN (" + placeholders + ") ORDER BY id DESC")) {
            int index = 1;
            for (ProposalState state : states) {
              select.setString(index++, state.name());
            }
            return readAll(select);
          }
        });
  }

  @Override
  public Optional<StoredProposal> latestByAgent(String agentId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM proposals WHERE agent_id = ? ORDER BY id DESC LIMIT 1")) {
            select.setString(1, agentId);
            return readAll(select).stream().findFirst();
          }
        });
  }

  @Override
  public List<StoredProposal> byAgent(String agentId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM proposals WHERE agent_id = ? ORDER BY id DESC")) {
            select.setString(1, agentId);
            return readAll(select);
          }
        });
  }

  @Override
  public Map<ProposalState, Long> countByState() {
    return db.withConnection(
        connection -> {
          Map<ProposalState, Long> counts = new EnumMap<>(ProposalState.class);
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT state, COUNT(*) FROM proposals GROUP BY state");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              counts.put(ProposalState.valueOf(rows.getString(1)), rows.getLong(2));
            }
          }
          return counts;
        });
  }

  @Override
  public StoredProposal transition(long id, ProposalState to) {
    Objects.requireNonNull(to, "to");
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          moveTo(connection, current, to);
          return find(connection, id).orElseThrow();
        });
  }

  @Override
  public StoredProposal beginSubmission(long id, BigInteger onchainId, String reportHash) {
    Sql.uint256(onchainId, "onchainId");
    String report = Sql.hash32(reportHash, "reportHash");
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          if (current.state() != ProposalState.FINALIZED) {
            throw new IllegalTransitionException(id, current.state(), ProposalState.SUBMITTING);
          }
          Optional<StoredProposal> holder =
              findByOnchainId(connection, current.chain(), current.governor(), onchainId);
          if (holder.isPresent() && holder.get().id() != id) {
            throw new DuplicateProposalException(current.chain(), current.governor(), onchainId, holder.get().id());
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE proposals SET onchain_id = ?, report_hash = ?, state = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, onchainId.toString());
            Sql.setString(update, 2, report);
            update.setString(3, ProposalState.SUBMITTING.name());
            Sql.setInstant(update, 4, time.now());
            update.setLong(5, id);
            update.executeUpdate();
          } catch (SQLException e) {
            // Another node process sharing this database could claim the id between our check and update.
            if (Sql.isUniqueViolation(e)) {
              long other =
                  findByOnchainId(connection, current.chain(), current.governor(), onchainId)
                      .map(StoredProposal::id)
                      .orElse(-1L);
              throw new DuplicateProposalException(current.chain(), current.governor(), onchainId, other);
            }
            throw e;
          }
          return find(connection, id).orElseThrow();
        });
  }

  @Override
  public StoredProposal recordSubmitted(long id, String txHash) {
    String tx = Sql.hash32(txHash, "txHash"); // null when the transaction could not be found again after a crash
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          // The monitor may already have seen the proposal on chain; then only the hash is missing.
          ProposalState target =
              current.state() == ProposalState.SUBMITTING ? ProposalState.PENDING : current.state();
          if (!ProposalTransitions.isOnChain(target)) {
            throw new IllegalTransitionException(id, current.state(), ProposalState.PENDING);
          }
          moveTo(connection, current, target);
          if (tx != null) {
            setColumn(connection, id, "submit_tx_hash", tx);
          }
          return find(connection, id).orElseThrow();
        });
  }

  @Override
  public StoredProposal recordQueued(long id, String txHash, Instant eta) {
    String tx = Sql.hash32(txHash, "txHash"); // null when someone else queued it
    Objects.requireNonNull(eta, "eta");
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          moveTo(connection, current, ProposalState.QUEUED);
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE proposals SET queue_tx_hash = COALESCE(?, queue_tx_hash), eta = ? WHERE id = ?")) {
            update.setString(1, tx);
            Sql.setInstant(update, 2, eta);
            update.setLong(3, id);
            update.executeUpdate();
          }
          return find(connection, id).orElseThrow();
        });
  }

  @Override
  public StoredProposal recordExecuted(long id, String txHash) {
    String tx = Sql.hash32(txHash, "txHash"); // null when someone else executed it
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          moveTo(connection, current, ProposalState.EXECUTED);
          if (tx != null) {
            setColumn(connection, id, "execute_tx_hash", tx);
          }
          return find(connection, id).orElseThrow();
        });
  }

  @Override
  public StoredProposal recordOutcome(long id, ProposalOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    return db.transaction(
        connection -> {
          StoredProposal current = lock(connection, id);
          if (current.state() != ProposalState.EXECUTED) {
            throw new IllegalStateException(
                "proposal " + id + " is " + current.state() + "; an outcome can only be recorded once it is EXECUTED");
          }
          setColumn(connection, id, "outcome_json", Json.write(outcome));
          int before = current.outcome() != null && current.outcome().improved() ? 1 : 0;
          int after = outcome.improved() ? 1 : 0;
          bumpAgent(connection, current.agentId(), "proposals_improved", after - before);
          touch(connection, id);
          return find(connection, id).orElseThrow();
        });
  }

  /** Validates and applies a state change and the agent counters it earns; same-state moves change nothing. */
  private void moveTo(Connection connection, StoredProposal current, ProposalState to) throws SQLException {
    ProposalState from = current.state();
    if (from == to) {
      return;
    }
    if (!ProposalTransitions.allowed(from, to)) {
      throw new IllegalTransitionException(current.id(), from, to);
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE proposals SET state = ?, updated_at = ? WHERE id = ? AND state = ?")) {
      update.setString(1, to.name());
      Sql.setInstant(update, 2, time.now());
      update.setLong(3, current.id());
      update.setString(4, from.name());
      if (update.executeUpdate() != 1) {
        throw new StoreException("proposal " + current.id() + " changed while being moved to " + to);
      }
    }
    if (from == ProposalState.SUBMITTING && ProposalTransitions.isOnChain(to)) {
      bumpAgent(connection, current.agentId(), "proposals_submitted", 1);
    }
    if (to == ProposalState.EXECUTED) {
      bumpAgent(connection, current.agentId(), "proposals_executed", 1);
    }
  }

  private void bumpAgent(Connection connection, String agentId, String counter, int delta) throws SQLException {
    if (agentId == null || delta == 0) {
      return;
    }
    // counter is one of our own column names, never user input
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE agents SET " + counter + " = " + counter + " + ?, updated_at = ? WHERE agent_id = ?")) {
      update.setInt(1, delta);
      Sql.setInstant(update, 2, time.now());
      update.setString(3, agentId);
      update.executeUpdate();
    }
  }

  private void setColumn(Connection connection, long id, String column, String value) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE proposals SET " + column + " = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, value);
      Sql.setInstant(update, 2, time.now());
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  private void touch(Connection connection, long id) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE proposals SET updated_at = ? WHERE id = ?")) {
      Sql.setInstant(update, 1, time.now());
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  private long insert(
      Connection connection, String chain, String governor, BigInteger onchainId, String agentId,
      ProposalDraft draft, ProposalState state)
      throws SQLException {
    Instant now = time.now();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO proposals (chain, governor, onchain_id, agent_id, state, title, description, actions_json,"
                + " change_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, chain);
      insert.setString(2, governor);
      Sql.setString(insert, 3, onchainId == null ? null : onchainId.toString());
      Sql.setString(insert, 4, agentId);
      insert.setString(5, state.name());
      insert.setString(6, Sql.requireText(draft.title(), "draft.title", 1024));
      insert.setString(7, draft.description() == null ? "" : draft.description());
      insert.setString(8, Json.write(draft.actions()));
      Sql.setString(insert, 9, draft.change() == null ? null : Json.write(draft.change()));
      Sql.setInstant(insert, 10, now);
      Sql.setInstant(insert, 11, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new StoreException("the database returned no id for the new proposal");
        }
        return keys.getLong(1);
      }
    }
  }

  /** Reads the proposal and locks its row until the transaction ends, so concurrent transitions serialize. */
  private static StoredProposal lock(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM proposals WHERE id = ? FOR UPDATE")) {
      select.setLong(1, id);
      return readAll(select).stream()
          .findFirst()
          .orElseThrow(() -> new NoSuchElementException("no proposal with id " + id));
    }
  }

  private static Optional<StoredProposal> find(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM proposals WHERE id = ?")) {
      select.setLong(1, id);
      return readAll(select).stream().findFirst();
    }
  }

  private static Optional<StoredProposal> findByOnchainId(
      Connection connection, String chain, String governor, BigInteger onchainId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM proposals WHERE chain = ? AND governor = ? AND onchain_id = ?")) {
      select.setString(1, chain);
      select.setString(2, governor);
      select.setString(3, onchainId.toString());
      return readAll(select).stream().findFirst();
    }
  }

  private static List<StoredProposal> readAll(PreparedStatement select) throws SQLException {
    List<StoredProposal> proposals = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        proposals.add(map(rows));
      }
    }
    return proposals;
  }

  private static StoredProposal map(ResultSet rows) throws SQLException {
    String onchainId = rows.getString("onchain_id");
    String change = rows.getString("change_json");
    String outcome = rows.getString("outcome_json");
    ProposalDraft draft =
        new ProposalDraft(
            rows.getString("title"),
            rows.getString("description"),
            Json.read(rows.getString("actions_json"), ACTIONS),
            change == null ? null : Json.read(change, ParameterChange.class));
    return new StoredProposal(
        rows.getLong("id"),
        rows.getString("chain"),
        rows.getString("governor"),
        onchainId == null ? null : new BigInteger(onchainId),
        rows.getString("agent_id"),
        ProposalState.valueOf(rows.getString("state")),
        draft,
        rows.getString("report_hash"),
        rows.getString("submit_tx_hash"),
        rows.getString("queue_tx_hash"),
        rows.getString("execute_tx_hash"),
        Sql.getInstant(rows, "created_at"),
        Sql.getInstant(rows, "updated_at"),
        Sql.getInstant(rows, "eta"),
        outcome == null ? null : Json.read(outcome, ProposalOutcome.class));
  }
}
