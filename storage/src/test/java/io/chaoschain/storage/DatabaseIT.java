package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.core.UserFacingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabaseIT extends StoreTestSupport {

    @Test
    void shouldCreateEveryTableWhenMigratingAFreshDatabase() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                + " ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).contains("chains", "metrics", "proposals", "simulations", "votes", "agents", "checkpoints");
        assertThat(dataDir.resolve("chaoschain.mv.db")).exists();
    }

    @Test
    void shouldKeepAMonitorsCheckpointWithItsBlockHashAcrossRestarts() {
        String hash = "0x" + "ab".repeat(32);
        stores.checkpoints().save("votes:devnet", new Checkpoint(77, Optional.of(hash)));
        stores.checkpoints().save("legacy", new Checkpoint(5, Optional.empty()));

        restart();

        assertThat(stores.checkpoints().load("votes:devnet")).contains(new Checkpoint(77, Optional.of(hash)));
        assertThat(stores.checkpoints().load("legacy")).contains(new Checkpoint(5, Optional.empty()));
        assertThat(stores.checkpoints().load("never")).isEmpty();
    }

    @Test
    void shouldKeepDataWhenClosedAndReopened() {
        stores.checkpoints().save("governor-events", new Checkpoint(4242, Optional.empty()));
        stores.chains().save(new ChainRecord("devnet", 31337, "http://127.0.0.1:8545"));

        restart();

        assertThat(stores.checkpoints().load("governor-events")).contains(new Checkpoint(4242, Optional.empty()));
        assertThat(stores.chains().find("devnet")).contains(new ChainRecord("devnet", 31337, "http://127.0.0.1:8545"));
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameDirectoryInThisProcess() throws Exception {
        assertThatThrownBy(() -> Database.open(dataDir, clock))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: database " + dataDir.toRealPath().resolve("chaoschain.mv.db")
                        + " is in use by another chaoschain node; stop it or use a different --data-dir");
    }

    @Test
    void shouldAllowReopeningAfterClose() {
        db.close();
        db = Database.open(dataDir, clock);
        assertThat(db.stores().checkpoints().load("nothing")).isEmpty();
    }

    @Test
    void shouldRefuseADatabaseHeldByAnotherNodeProcess() throws Exception {
        db.close();
        db = null;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldDatabaseOpen.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> out.lines()
                            .filter(HoldDatabaseOpen.READY::equals)
                            .findFirst()
                            .orElse("child exited"))
                    .get(60, TimeUnit.SECONDS);
            assertThat(ready).isEqualTo(HoldDatabaseOpen.READY);

            assertThatThrownBy(() -> Database.open(dataDir, clock))
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining(
                            "is in use by another chaoschain node; stop it or use a different --data-dir");
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        // Once the other node is gone the directory is usable again, with what that node wrote.
        db = Database.open(dataDir, clock);
        assertThat(db.stores().checkpoints().load("child")).contains(new Checkpoint(1, Optional.empty()));
    }

    @Test
    void shouldExplainWhenTheDataDirectoryCannotBeCreated() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> Database.open(file.resolve("data"), clock))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("error: data directory " + file.resolve("data") + " cannot be created")
                .hasMessageEndingWith("choose a writable --data-dir");
    }

    @Test
    void shouldRollBackEveryWriteOfAFailedTransaction() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
                    stores.checkpoints().save("votes", new Checkpoint(10, Optional.empty()));
                    stores.chains().save(new ChainRecord("devnet", 31337, "http://127.0.0.1:8545"));
                    throw new IllegalStateException("monitor crashed mid-batch");
                }))
                .hasMessage("monitor crashed mid-batch");

        assertThat(stores.checkpoints().load("votes")).isEmpty();
        assertThat(stores.chains().all()).isEmpty();
    }

    @Test
    void shouldCommitEveryWriteOfASuccessfulTransaction() {
        db.inTransaction(() -> {
            stores.checkpoints().save("votes", new Checkpoint(10, Optional.empty()));
            stores.checkpoints().save("proposals", new Checkpoint(11, Optional.empty()));
        });

        assertThat(stores.checkpoints().load("votes")).contains(new Checkpoint(10, Optional.empty()));
        assertThat(stores.checkpoints().load("proposals")).contains(new Checkpoint(11, Optional.empty()));
    }

    @Test
    void shouldRefuseUseAfterClose() {
        db.close();
        assertThatThrownBy(() -> stores.checkpoints().load("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
