package io.chaoschain.node.store;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens a fresh file database in a temporary directory for each test and closes it afterwards. */
abstract class StoreTestSupport {
  @TempDir Path dataDir;

  protected final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-01T12:00:00.123456Z"));
  protected Database db;
  protected Stores stores;

  @BeforeEach
  void openDatabase() {
    db = Database.open(dataDir, clock);
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
    db = Database.open(dataDir, clock);
    stores = db.stores();
  }
}
