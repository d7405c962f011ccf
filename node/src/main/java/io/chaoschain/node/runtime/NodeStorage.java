package io.chaoschain.node.runtime;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.StorageConfig;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.PostgresTarget;
import io.chaoschain.storage.RedisScoreCache;
import java.util.Map;

/** Opens what a node's configuration says about storage: the database and the reputation service with its cache. */
public final class NodeStorage {
    private NodeStorage() {}

    /** The node's database, taking the data directory's node lock when it is the embedded one. */
    public static Database open(NodeConfig config, TimeProvider time) {
        return open(config, time, false);
    }

    /** The database for a reader next to a running node (CLI commands): no node lock. */
    public static Database openShared(NodeConfig config) {
        return open(config, TimeProvider.system(), true);
    }

    private static Database open(NodeConfig config, TimeProvider time, boolean shared) {
        StorageConfig storage = config.storage();
        if (storage == null || !storage.isPostgres()) {
            return shared ? Database.openShared(config.dataDir()) : Database.open(config.dataDir(), time);
        }
        return Database.openPostgres(target(storage, System.getenv()), config.dataDir(), time);
    }

    /** The PostgreSQL target of {@code storage}, the password read from its variable in {@code env}. */
    static PostgresTarget target(StorageConfig storage, Map<String, String> env) {
        String password = env.get(storage.passwordEnv());
        if (password == null && !"CHAOSCHAIN_DB_PASSWORD".equals(storage.passwordEnv())) {
            // a variable named on purpose but not set is a mistake; the default one may be absent for trust logins
            throw new UserFacingException("error: storage.passwordEnv names " + storage.passwordEnv()
                    + ", which is not set; export it with the PostgreSQL password");
        }
        return new PostgresTarget(storage.url(), storage.user(), password);
    }

    /** The score cache the configuration asks for: Redis when {@code reputation.redis} is set, else in-process. */
    public static ScoreCache scoreCache(NodeConfig config) {
        String redis = config.reputation() == null ? null : config.reputation().redis();
        return redis == null ? new InMemoryScoreCache() : new RedisScoreCache(redis).check();
    }

    /** The reputation service over {@code database} with the configured cache and trusted attesters. */
    public static ReputationService reputation(
            NodeConfig config, Database database, ScoreCache cache, TimeProvider time) {
        return new ReputationService(
                database.stores().reputation(),
                cache,
                new io.chaoschain.reputation.scoring.CredRankReputationEngine(),
                time,
                java.util.Set.copyOf(
                        config.reputation() == null
                                ? java.util.List.of()
                                : config.reputation().attesters()));
    }
}
