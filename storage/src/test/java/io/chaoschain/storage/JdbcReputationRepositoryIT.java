package io.chaoschain.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The reputation repository contract on the default embedded database (H2 in PostgreSQL mode). */
class JdbcReputationRepositoryIT extends ReputationRepositoryContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(dataDir, clock);
    }
}
