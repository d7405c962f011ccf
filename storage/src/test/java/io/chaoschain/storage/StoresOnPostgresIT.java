package io.chaoschain.storage;

import io.chaoschain.storage.testing.PostgresDatabases;
import io.chaoschain.storage.testing.PostgresServer;
import io.chaoschain.storage.testing.RealServers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every store test, and the query helper's own, run again on a real PostgreSQL server with every migration applied:
 * the stores share one SQL dialect through {@link Jdbc}, and this is where that is proven. Each nested class keeps
 * one database; a test's restart reopens the same database, a new test starts from emptied tables.
 */
@ExtendWith(RealServers.class)
class StoresOnPostgresIT {
    private final PostgresServer postgres;

    StoresOnPostgresIT(PostgresServer postgres) {
        this.postgres = postgres;
    }

    private Database openOn(StoreTestSupport test, PostgresTarget[] target) {
        if (target[0] == null) {
            target[0] = PostgresDatabases.forClass(postgres, test.getClass());
        }
        return Database.openPostgres(target[0], test.dataDir, test.clock);
    }

    @Nested
    class Proposals extends JdbcProposalStoreTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }

    @Nested
    class VotesAndAgents extends JdbcVoteAndAgentStoreTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }

    @Nested
    class Metrics extends JdbcMetricStoreTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }

    @Nested
    class Simulations extends JdbcSimulationStoreTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }

    @Nested
    class Insights extends JdbcInsightStoreTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }

    @Nested
    class QueryHelper extends JdbcTest {
        private final PostgresTarget[] target = new PostgresTarget[1];

        @Override
        protected Database openDatabase() {
            return openOn(this, target);
        }
    }
}
