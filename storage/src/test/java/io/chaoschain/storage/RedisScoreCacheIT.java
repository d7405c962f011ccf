package io.chaoschain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.testing.RealServers;
import io.chaoschain.storage.testing.RedisServer;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis score cache against a real redis-server. */
@ExtendWith(RealServers.class)
class RedisScoreCacheIT {
    private final RedisServer redis;

    RedisScoreCacheIT(RedisServer redis) {
        this.redis = redis;
    }

    @BeforeEach
    void clean() {
        redis.flush();
    }

    @Test
    void shouldReturnAStoredEntryUntilTheGenerationIsInvalidated() {
        try (RedisScoreCache cache = new RedisScoreCache(redis.url())) {
            ScoreCache.Lookup miss = cache.get("leaderboard:all:10");
            assertThat(miss.json()).isNull();

            cache.put(miss.generation(), "leaderboard:all:10", "{\"a\":1}");
            assertThat(cache.get("leaderboard:all:10").json()).isEqualTo("{\"a\":1}");

            long next = cache.invalidate();
            assertThat(next).isEqualTo(miss.generation() + 1);
            assertThat(cache.get("leaderboard:all:10")).isEqualTo(new ScoreCache.Lookup(next, null));
        }
    }

    @Test
    void shouldDropAValueComputedBeforeAnInvalidation() {
        try (RedisScoreCache reader = new RedisScoreCache(redis.url());
                RedisScoreCache writer = new RedisScoreCache(redis.url())) {
            ScoreCache.Lookup miss = reader.get("profile:1");
            writer.invalidate(); // a new attestation lands while the reader computes from the old scores

            reader.put(miss.generation(), "profile:1", "{\"stale\":true}");

            assertThat(reader.get("profile:1").json()).isNull();
            assertThat(writer.get("profile:1").json()).isNull();
        }
    }

    @Test
    void shouldShareEntriesAndInvalidationsBetweenClients() {
        try (RedisScoreCache one = new RedisScoreCache(redis.url());
                RedisScoreCache two = new RedisScoreCache(redis.url())) {
            ScoreCache.Lookup miss = one.get("k");
            one.put(miss.generation(), "k", "v");
            assertThat(two.get("k").json()).isEqualTo("v");

            two.invalidate();

            assertThat(one.get("k").json()).isNull();
        }
    }

    @Test
    void shouldExpireEntriesAfterTheirTimeToLive() {
        try (RedisScoreCache cache = new RedisScoreCache(redis.url(), "ttl-test:", 60);
                redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
            cache.put(cache.get("k").generation(), "k", "v");
            assertThat(jedis.ttl("ttl-test:g0:k")).isBetween(1L, 60L);
        }
    }

    @Test
    void shouldAnswerAsAMissWhenRedisIsDownAndRefuseToStartWithAClearMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RedisScoreCache cache = new RedisScoreCache("redis://127.0.0.1:" + closedPort)) {
            assertThat(cache.get("k")).isEqualTo(new ScoreCache.Lookup(-1, null));
            cache.put(0, "k", "v"); // dropped, not thrown
            assertThatThrownBy(cache::check)
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("Redis at redis://127.0.0.1:" + closedPort + " does not answer");
        }
    }

    @Test
    void shouldRejectAUrlThatIsNotRedis() {
        assertThatThrownBy(() -> new RedisScoreCache("http://localhost:6379"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("reputation.redis must be a URL such as redis://localhost:6379");
    }
}
