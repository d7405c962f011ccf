package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JdbcTest extends StoreTestSupport {

    private Jdbc jdbc() {
        return new Jdbc(db);
    }

    @Test
    void shouldNameTheOperationOfEveryKindOfStatement() {
        assertThat(Jdbc.operation("SELECT a, b FROM proposals WHERE id = ?")).isEqualTo("select from proposals");
        assertThat(Jdbc.operation("SELECT x FROM (SELECT y FROM reputation_score_history) recent"))
                .isEqualTo("select from reputation_score_history");
        assertThat(Jdbc.operation("INSERT INTO votes (proposal_id) VALUES (?)")).isEqualTo("insert into votes");
        assertThat(Jdbc.operation("INSERT INTO metrics(chain) VALUES (?)")).isEqualTo("insert into metrics");
        assertThat(Jdbc.operation("UPDATE agents SET paused = ?")).isEqualTo("update agents");
        assertThat(Jdbc.operation("DELETE FROM reputation_scores")).isEqualTo("delete from reputation_scores");
    }

    @Test
    void shouldReportAFailingStatementAsAStoreExceptionNamingItsOperation() {
        assertThatThrownBy(() -> jdbc().update("UPDATE no_such_table SET x = ?", p -> p.integer(1)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("database error in update no_such_table: ")
                .hasCauseInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void shouldInsertARowOnceAndIgnoreItsDuplicate() {
        Jdbc jdbc = jdbc();
        String insert = "INSERT INTO chains (name, chain_id, rpc, updated_at) VALUES (?, ?, ?, ?)";

        assertThat(jdbc.insertIgnoringDuplicate(
                        insert,
                        p -> p.text("devnet").bigint(31337).text("http://a").instant(clock.now())))
                .isTrue();
        assertThat(jdbc.insertIgnoringDuplicate(
                        insert, p -> p.text("devnet").bigint(1).text("http://b").instant(clock.now())))
                .isFalse();
        assertThat(jdbc.query("SELECT chain_id FROM chains", Jdbc.Binder.NONE, row -> row.getLong(1)))
                .containsExactly(31337L);
    }

    @Test
    void shouldSendMoreRowsThanOneBatchHoldsAndStreamThemBackInOrder() {
        Jdbc jdbc = jdbc();
        List<Integer> ids = IntStream.range(0, Jdbc.BATCH_SIZE + 7).boxed().toList();

        int sent = jdbc.batch(
                "INSERT INTO checkpoints (name, block_number, block_hash, updated_at) VALUES (?, ?, ?, ?)",
                ids,
                (p, id) ->
                        p.text(String.format("m%05d", id)).bigint(id).text(null).instant(clock.now()));

        List<Long> streamed = new ArrayList<>();
        jdbc.forEach(
                "SELECT block_number FROM checkpoints ORDER BY name",
                Jdbc.Binder.NONE,
                row -> row.getLong(1),
                streamed::add);
        assertThat(sent).isEqualTo(ids.size());
        assertThat(streamed).hasSize(ids.size()).isSorted();
        assertThat(jdbc.queryLong("SELECT COUNT(*) FROM checkpoints WHERE block_hash IS NULL", Jdbc.Binder.NONE))
                .isEqualTo(ids.size());
    }

    @Test
    void shouldJoinTheCallersTransaction() {
        Jdbc jdbc = jdbc();
        String insert = "INSERT INTO chains (name, chain_id, rpc, updated_at) VALUES (?, ?, ?, ?)";

        assertThatThrownBy(() -> db.inTransaction(() -> {
                    jdbc.update(
                            insert,
                            p -> p.text("devnet").bigint(31337).text("http://a").instant(clock.now()));
                    throw new IllegalStateException("crashed after the insert");
                }))
                .hasMessage("crashed after the insert");

        assertThat(jdbc.queryOne("SELECT name FROM chains", Jdbc.Binder.NONE, row -> row.getString(1)))
                .isEmpty();
    }
}
