package io.chaoschain.storage;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.service.ScoreCache;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link ScoreCache} in Redis, shared by every node and API process of one store. The generation is a counter key;
 * entries live under {@code <prefix>g<generation>:<key>} and expire after {@code ttlSeconds}, so the entries of old
 * generations disappear by themselves. Lookups and guarded puts are Lua scripts: one round trip, atomic.
 *
 * <p>When Redis cannot be reached, reads miss and writes are dropped (logged, at most every 30 s): the API keeps
 * answering from the database.
 */
public final class RedisScoreCache implements ScoreCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisScoreCache.class);
    private static final String LOOKUP = "local g = redis.call('GET', KEYS[1]) or '0'\n"
            + "return {g, redis.call('GET', ARGV[1] .. 'g' .. g .. ':' .. ARGV[2])}";
    private static final String GUARDED_PUT = "if (redis.call('GET', KEYS[1]) or '0') == ARGV[1] then\n"
            + "  redis.call('SET', ARGV[2] .. 'g' .. ARGV[1] .. ':' .. ARGV[3], ARGV[4], 'EX', ARGV[5])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0";

    private final RedisClient client;
    private final String url;
    private final String prefix;
    private final String generationKey;
    private final int ttlSeconds;
    private final AtomicLong lastWarning = new AtomicLong();

    /**
     * @param url {@code redis://host:port} (optionally {@code /db})
     * @param prefix namespace of every key, so one Redis can serve several stores
     */
    public RedisScoreCache(String url, String prefix, int ttlSeconds) {
        this.url = Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(
                    "error: reputation.redis must be a URL such as redis://localhost:6379, got '" + url + "'");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UserFacingException(
                    "error: reputation.redis must be a URL such as redis://localhost:6379, got '" + url + "'");
        }
        this.prefix = prefix;
        this.generationKey = prefix + "generation";
        this.ttlSeconds = ttlSeconds;
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(0);
        pool.setJmxEnabled(false);
        this.client = RedisClient.builder().fromURI(uri).poolConfig(pool).build();
    }

    public RedisScoreCache(String url) {
        this(url, "chaoschain:reputation:", 600);
    }

    /** Fails with a clear message when Redis does not answer; the node calls this once at start. */
    public RedisScoreCache check() {
        try {
            client.ping();
            return this;
        } catch (JedisException e) {
            throw new UserFacingException(
                    "error: Redis at " + describe() + " does not answer (" + e.getMessage()
                            + "); check reputation.redis or start redis-server",
                    e);
        }
    }

    @Override
    public Lookup get(String key) {
        try {
            List<?> result = (List<?>) client.eval(LOOKUP, List.of(generationKey), List.of(prefix, key));
            long generation = Long.parseLong(text(result.get(0)));
            Object value = result.size() > 1 ? result.get(1) : null;
            return new Lookup(generation, value == null ? null : text(value));
        } catch (JedisException e) {
            warn("lookup", e);
            return new Lookup(-1, null);
        }
    }

    @Override
    public void put(long generation, String key, String json) {
        if (generation < 0) {
            return; // the lookup failed: do not guess a generation
        }
        try {
            client.eval(
                    GUARDED_PUT,
                    List.of(generationKey),
                    List.of(Long.toString(generation), prefix, key, json, Integer.toString(ttlSeconds)));
        } catch (JedisException e) {
            warn("store", e);
        }
    }

    @Override
    public long invalidate() {
        try {
            return client.incr(generationKey);
        } catch (JedisException e) {
            // entries of the old generation may now be served until they expire; say so loudly
            LOG.error(
                    "Redis at {} could not be invalidated ({}); cached reputation may be stale for up to {} s",
                    describe(),
                    e.getMessage(),
                    ttlSeconds,
                    e);
            return -1;
        }
    }

    @Override
    public String describe() {
        // a password in the URL must not reach a log line
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    @Override
    public void close() {
        client.close();
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

    private void warn(String what, JedisException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 30_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warn("Redis {} failed at {} ({}); answering from the database", what, describe(), e.getMessage());
            LOG.debug("Redis {} failure at {}", what, describe(), e);
        }
    }
}
