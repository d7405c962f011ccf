package io.chaoschain.storage;

import io.chaoschain.storage.testing.PostgresServer;
import io.chaoschain.storage.testing.RealServers;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The reputation repository contract on a real PostgreSQL server, with every migration (V1..) applied to it. */
@ExtendWith(RealServers.class)
class JdbcReputationRepositoryPostgresIT extends ReputationRepositoryContract {
    @TempDir
    Path dataDir;

    private final PostgresServer postgres;

    JdbcReputationRepositoryPostgresIT(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    protected Database openDatabase() {
        return Database.openPostgres(
                io.chaoschain.storage.testing.PostgresDatabases.forClass(postgres, getClass()), dataDir, clock);
    }
}
