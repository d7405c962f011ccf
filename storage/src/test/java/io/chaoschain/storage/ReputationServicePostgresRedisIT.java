package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.reputation.service.Leaderboard;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.testing.PostgresServer;
import io.chaoschain.storage.testing.RealServers;
import io.chaoschain.storage.testing.RedisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reputation service in its production setup, PostgreSQL and Redis (real servers), including two nodes sharing
 * both: what one records must invalidate what the other cached.
 */
@ExtendWith(RealServers.class)
class ReputationServicePostgresRedisIT extends ReputationServiceContract {
    @TempDir
    Path dataDir;

    private final PostgresServer postgres;
    private final RedisServer redis;
    private PostgresTarget target;

    ReputationServicePostgresRedisIT(PostgresServer postgres, RedisServer redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    @Override
    protected Database openDatabase() {
        redis.flush();
        target = io.chaoschain.storage.testing.PostgresDatabases.forClass(postgres, getClass());
        return Database.openPostgres(target, dataDir, clock);
    }

    @Override
    protected ScoreCache openCache() {
        return new RedisScoreCache(redis.url()).check();
    }

    @Test
    void shouldInvalidateAnotherNodesCachedLeaderboardWhenOneNodeRecords(@TempDir Path otherDir) {
        try (Database otherDb = Database.openPostgres(target, otherDir, clock);
                RedisScoreCache otherCache = new RedisScoreCache(redis.url())) {
            ReputationService other = new ReputationService(otherDb.stores().reputation(), otherCache, clock);
            service.record(attester.sign(
                    1,
                    io.chaoschain.reputation.attestation.ContributionKind.PROPOSAL_EXECUTED,
                    0,
                    T0.getEpochSecond()));
            assertThat(other.leaderboard(DEVNET, 10).entries()).hasSize(1); // cached in Redis by the other node
            assertThat(cache.get("leaderboard:31337/governance:10").json()).isNotNull(); // and visible to this one

            service.record(attester.sign(
                    2,
                    io.chaoschain.reputation.attestation.ContributionKind.PROPOSAL_EXECUTED,
                    0,
                    T0.getEpochSecond()));

            assertThat(other.leaderboard(DEVNET, 10).entries())
                    .extracting(Leaderboard.Entry::agentId)
                    .containsExactly("31337:1", "31337:2");
        }
    }
}
