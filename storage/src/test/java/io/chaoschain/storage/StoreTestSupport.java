package io.chaoschain.storage;

import io.chaoschain.core.testing.StubTimeProvider;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a fresh database for each test and closes it afterwards: an H2 file database in a temporary directory, or
 * whatever {@link #openDatabase()} of a subclass opens (StoresOnPostgresIT runs the same tests on PostgreSQL).
 */
abstract class StoreTestSupport {
    @TempDir
    Path dataDir;

    protected final StubTimeProvider clock = StubTimeProvider.startingAt(Instant.parse("2026-03-01T12:00:00.123456Z"));
    protected Database db;
    protected Stores stores;

    /** Opens the database the tests run on; called again by {@link #restart()}, which must see the same data. */
    protected Database openDatabase() {
        return Database.open(dataDir, clock);
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        stores = db.stores();
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /** Closes and reopens the database, as a node restart would. */
    protected void restart() {
        db.close();
        db = openDatabase();
        stores = db.stores();
    }
}
