package io.chaoschain.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;
import io.chaoschain.core.Json;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

    private static final String SELECT = "SELECT " + COLUMNS + " FROM proposals";

    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcProposalStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public StoredProposal create(String chain, String governor, String agentId, ProposalDraft draft) {
        Fields.requireText(chain, "chain", 64);
        String gov = Hex.address(governor, "governor");
        if (agentId != null) {
            Fields.requireText(agentId, "agentId", 128);
        }
        Objects.requireNonNull(draft, "draft");
        return db.inTransaction(() -> find(insert(chain, gov, null, agentId, draft, ProposalState.DRAFTED))
                .orElseThrow());
    }

    @Override
    public StoredProposal recordDetected(
            String chain, String governor, BigInteger onchainId, ProposalDraft draft, ProposalState state) {
        Fields.requireText(chain, "chain", 64);
        String gov = Hex.address(governor, "governor");
        Fields.uint256(onchainId, "onchainId");
        Objects.requireNonNull(draft, "draft");
        if (!ProposalTransitions.isOnChain(state)) {
            throw new IllegalArgumentException("a detected proposal must be in an on-chain state, got " + state);
        }
        return db.inTransaction(() -> findOnchain(chain, gov, onchainId)
                .orElseGet(() ->
                        find(insert(chain, gov, onchainId, null, draft, state)).orElseThrow()));
    }

    @Override
    public Optional<StoredProposal> find(long id) {
        return jdbc.queryOne(SELECT + " WHERE id = ?", p -> p.bigint(id), JdbcProposalStore::map);
    }

    @Override
    public Optional<StoredProposal> findByOnchainId(String chain, String governor, BigInteger onchainId) {
        return findOnchain(chain, Hex.address(governor, "governor"), onchainId);
    }

    @Override
    public List<StoredProposal> all() {
        return jdbc.query(SELECT + " ORDER BY id DESC", Jdbc.Binder.NONE, JdbcProposalStore::map);
    }

    @Override
    public List<StoredProposal> inStates(Set<ProposalState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String placeholders = states.stream().map(s -> "?").collect(Collectors.joining(", "));
        return jdbc.query(
                SELECT + " WHERE state IN (" + placeholders + ") ORDER BY id DESC",
                p -> {
                    for (ProposalState state : states) {
                        p.text(state.name());
                    }
                },
                JdbcProposalStore::map);
    }

    @Override
    public Optional<StoredProposal> latestByAgent(String agentId) {
        return jdbc.queryOne(
                SELECT + " WHERE agent_id = ? ORDER BY id DESC LIMIT 1", p -> p.text(agentId), JdbcProposalStore::map);
    }

    @Override
    public List<StoredProposal> byAgent(String agentId) {
        return jdbc.query(
                SELECT + " WHERE agent_id = ? ORDER BY id DESC", p -> p.text(agentId), JdbcProposalStore::map);
    }

    @Override
    public Map<ProposalState, Long> countByState() {
        Map<ProposalState, Long> counts = new EnumMap<>(ProposalState.class);
        jdbc.query(
                        "SELECT state, COUNT(*) FROM proposals GROUP BY state",
                        Jdbc.Binder.NONE,
                        rows -> Map.entry(ProposalState.valueOf(rows.getString(1)), rows.getLong(2)))
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    @Override
    public StoredProposal transition(long id, ProposalState to) {
        Objects.requireNonNull(to, "to");
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            moveTo(current, to);
            return find(id).orElseThrow();
        });
    }

    @Override
    public StoredProposal beginSubmission(long id, BigInteger onchainId, String reportHash) {
        Fields.uint256(onchainId, "onchainId");
        String report = Fields.hash32(reportHash, "reportHash");
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            if (current.state() != ProposalState.FINALIZED) {
                throw new IllegalTransitionException(id, current.state(), ProposalState.SUBMITTING);
            }
            Optional<StoredProposal> holder = findOnchain(current.chain(), current.governor(), onchainId);
            if (holder.isPresent() && holder.get().id() != id) {
                throw new DuplicateProposalException(
                        current.chain(),
                        current.governor(),
                        onchainId,
                        holder.get().id());
            }
            try {
                jdbc.update(
                        "UPDATE proposals SET onchain_id = ?, report_hash = ?, state = ?, updated_at = ? WHERE id = ?",
                        p -> p.text(onchainId.toString())
                                .text(report)
                                .text(ProposalState.SUBMITTING.name())
                                .instant(time.now())
                                .bigint(id));
            } catch (StoreException e) {
                // Another node process sharing this database could claim the id between our check and update.
                if (Sql.isUniqueViolation(e)) {
                    long other = findOnchain(current.chain(), current.governor(), onchainId)
                            .map(StoredProposal::id)
                            .orElse(-1L);
                    throw new DuplicateProposalException(current.chain(), current.governor(), onchainId, other);
                }
                throw e;
            }
            return find(id).orElseThrow();
        });
    }

    @Override
    public StoredProposal recordSubmitted(long id, String txHash) {
        String tx = Fields.hash32(txHash, "txHash"); // null when the transaction could not be found again after a crash
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            // The monitor may already have seen the proposal on chain; then only the hash is missing.
            ProposalState target =
                    current.state() == ProposalState.SUBMITTING ? ProposalState.PENDING : current.state();
            if (!ProposalTransitions.isOnChain(target)) {
                throw new IllegalTransitionException(id, current.state(), ProposalState.PENDING);
            }
            moveTo(current, target);
            if (tx != null) {
                setColumn(id, "submit_tx_hash", tx);
            }
            return find(id).orElseThrow();
        });
    }

    @Override
    public StoredProposal recordQueued(long id, String txHash, Instant eta) {
        String tx = Fields.hash32(txHash, "txHash"); // null when someone else queued it
        Objects.requireNonNull(eta, "eta");
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            moveTo(current, ProposalState.QUEUED);
            jdbc.update(
                    "UPDATE proposals SET queue_tx_hash = COALESCE(?, queue_tx_hash), eta = ? WHERE id = ?",
                    p -> p.text(tx).instant(eta).bigint(id));
            return find(id).orElseThrow();
        });
    }

    @Override
    public StoredProposal recordExecuted(long id, String txHash) {
        String tx = Fields.hash32(txHash, "txHash"); // null when someone else executed it
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            moveTo(current, ProposalState.EXECUTED);
            if (tx != null) {
                setColumn(id, "execute_tx_hash", tx);
            }
            return find(id).orElseThrow();
        });
    }

    @Override
    public StoredProposal recordOutcome(long id, ProposalOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return db.inTransaction(() -> {
            StoredProposal current = lock(id);
            if (current.state() != ProposalState.EXECUTED) {
                throw new IllegalStateException("proposal " + id + " is " + current.state()
                        + "; an outcome can only be recorded once it is EXECUTED");
            }
            setColumn(id, "outcome_json", Json.write(outcome));
            int before = current.outcome() != null && current.outcome().improved() ? 1 : 0;
            int after = outcome.improved() ? 1 : 0;
            bumpAgent(current.agentId(), "proposals_improved", after - before);
            jdbc.update(
                    "UPDATE proposals SET updated_at = ? WHERE id = ?",
                    p -> p.instant(time.now()).bigint(id));
            return find(id).orElseThrow();
        });
    }

    /** Validates and applies a state change and the agent counters it earns; same-state moves change nothing. */
    private void moveTo(StoredProposal current, ProposalState to) {
        ProposalState from = current.state();
        if (from == to) {
            return;
        }
        if (!ProposalTransitions.allowed(from, to)) {
            throw new IllegalTransitionException(current.id(), from, to);
        }
        int moved = jdbc.update(
                "UPDATE proposals SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                p -> p.text(to.name()).instant(time.now()).bigint(current.id()).text(from.name()));
        if (moved != 1) {
            throw new StoreException("proposal " + current.id() + " changed while being moved to " + to);
        }
        if (from == ProposalState.SUBMITTING && ProposalTransitions.isOnChain(to)) {
            bumpAgent(current.agentId(), "proposals_submitted", 1);
        }
        if (to == ProposalState.EXECUTED) {
            bumpAgent(current.agentId(), "proposals_executed", 1);
        }
    }

    private void bumpAgent(String agentId, String counter, int delta) {
        if (agentId == null || delta == 0) {
            return;
        }
        // counter is one of our own column names, never user input
        jdbc.update(
                "UPDATE agents SET " + counter + " = " + counter + " + ?, updated_at = ? WHERE agent_id = ?",
                p -> p.integer(delta).instant(time.now()).text(agentId));
    }

    /** Sets one of our own text columns (never user input) and the update time. */
    private void setColumn(long id, String column, String value) {
        jdbc.update(
                "UPDATE proposals SET " + column + " = ?, updated_at = ? WHERE id = ?",
                p -> p.text(value).instant(time.now()).bigint(id));
    }

    private long insert(
            String chain,
            String governor,
            BigInteger onchainId,
            String agentId,
            ProposalDraft draft,
            ProposalState state) {
        Instant now = time.now();
        return jdbc.insertReturningId(
                "INSERT INTO proposals (chain, governor, onchain_id, agent_id, state, title, description, actions_json,"
                        + " change_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.text(chain)
                        .text(governor)
                        .text(onchainId == null ? null : onchainId.toString())
                        .text(agentId)
                        .text(state.name())
                        .text(Fields.requireText(draft.title(), "draft.title", 1024))
                        .text(draft.description() == null ? "" : draft.description())
                        .text(Json.write(draft.actions()))
                        .text(draft.change() == null ? null : Json.write(draft.change()))
                        .instant(now)
                        .instant(now));
    }

    /** Reads the proposal and locks its row until the transaction ends, so concurrent transitions serialize. */
    private StoredProposal lock(long id) {
        return jdbc.queryOne(SELECT + " WHERE id = ? FOR UPDATE", p -> p.bigint(id), JdbcProposalStore::map)
                .orElseThrow(() -> new NoSuchElementException("no proposal with id " + id));
    }

    private Optional<StoredProposal> findOnchain(String chain, String governor, BigInteger onchainId) {
        return jdbc.queryOne(
                SELECT + " WHERE chain = ? AND governor = ? AND onchain_id = ?",
                p -> p.text(chain).text(governor).text(onchainId.toString()),
                JdbcProposalStore::map);
    }

    private static StoredProposal map(ResultSet rows) throws SQLException {
        String onchainId = rows.getString("onchain_id");
        String change = rows.getString("change_json");
        String outcome = rows.getString("outcome_json");
        ProposalDraft draft = new ProposalDraft(
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
