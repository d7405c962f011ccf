package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.MinimalConfig;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.NewFeedback;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.AgentRegistration;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.PostgresTarget;
import io.chaoschain.storage.testing.PostgresServer;
import io.chaoschain.storage.testing.RealServers;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A node configured with {@code storage.url}: every migration runs on PostgreSQL and the CLI reads from it. */
@ExtendWith(RealServers.class)
class PostgresStorageIT {
    @TempDir
    Path dir;

    private final PostgresServer postgres;

    PostgresStorageIT(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Test
    void shouldMigrateEveryTableOnPostgresAndServeTheNodesStores() throws Exception {
        PostgresTarget target = postgres.newDatabase();
        try (Database db = Database.openPostgres(target, dir, TimeProvider.system())) {
            List<String> tables = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection();
                    ResultSet rows = c.createStatement()
                            .executeQuery(
                                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables)
                    .contains(
                            "chains",
                            "metrics",
                            "proposals",
                            "simulations",
                            "votes",
                            "agents",
                            "checkpoints",
                            "reputation_attestations",
                            "reputation_feedback",
                            "reputation_scores",
                            "reputation_score_history");
            assertThat(db.isPostgres()).isTrue();
            db.stores()
                    .agents()
                    .register(new AgentRegistration(
                            "31337:1", "devnet", "a", "0x00000000000000000000000000000000000000a5", null));
            db.stores().checkpoints().save("votes", new Checkpoint(42, Optional.empty()));
            assertThat(db.stores().agents().find("31337:1")).isPresent();
            assertThat(db.stores().checkpoints().load("votes")).contains(new Checkpoint(42, Optional.empty()));
        }
        // a second open finds the schema current and the data still there
        try (Database again = Database.openPostgres(target, dir, TimeProvider.system())) {
            assertThat(again.stores().checkpoints().load("votes")).contains(new Checkpoint(42, Optional.empty()));
        }
    }

    @Test
    void shouldReadTheLeaderboardFromPostgresThroughTheConfiguration() throws Exception {
        PostgresTarget target = postgres.newDatabase();
        try (Database db = Database.openPostgres(target, dir, TimeProvider.system())) {
            new ReputationService(db.stores().reputation(), new InMemoryScoreCache(), TimeProvider.system())
                    .recordFeedback(new NewFeedback(
                            31337,
                            "0x" + "34".repeat(32),
                            0,
                            BigInteger.TWO,
                            "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                            1,
                            BigInteger.valueOf(100),
                            0,
                            "",
                            "",
                            "0x" + "fb".repeat(32),
                            Instant.now()));
        }
        Path config = Files.writeString(
                dir.resolve("node.yaml"),
                MinimalConfig.YAML + "storage:\n  url: " + target.url() + "\n  user: " + target.user() + "\n");

        CliRun run = CliRun.of("reputation", "leaderboard", "--config", config.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"agentId\" : \"31337:2\"");
    }

    @Test
    void shouldExplainAnUnreachableServerWithoutThePassword() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PostgresTarget target = new PostgresTarget("postgresql://127.0.0.1:" + closed + "/x", "node", "hunter2");

        assertThatThrownBy(() -> Database.openPostgres(target, dir, TimeProvider.system()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith(
                        "error: cannot open PostgreSQL database postgresql://127.0.0.1:" + closed + "/x")
                .hasMessageContaining("check storage.url")
                .hasMessageNotContaining("hunter2");
    }
}
