package io.chaoschain.node.bench;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.node.api.ApiOptions;
import io.chaoschain.node.api.ApiServer;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.PostgresTarget;
import io.chaoschain.storage.RedisScoreCache;
import io.chaoschain.storage.testing.PostgresServer;
import io.chaoschain.storage.testing.RedisServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Leaderboard API under load: seeds PostgreSQL with N agents and M events, scores them once, then drives
 * {@code GET /api/reputation/leaderboard} with a closed-loop load generator against two API servers over the same
 * database, one answering straight from PostgreSQL (no cache: the baseline) and one with the Redis cache, in the same
 * run. Prints p50/p90/p99/max latency and throughput per setup and endpoint.
 *
 * <p>Usage: {@code ReputationApiBench [agents] [events] [seconds] [concurrency]}; see bench/reputation-api.sh.
 */
public final class ReputationApiBench {
    private static final String TOKEN = "bench".repeat(10);
    private static final int CHAINS = 4;

    public static void main(String[] args) throws Exception {
        // agents are spread evenly over the chains, so a multiple of their number
        int agents = (args.length > 0 ? Integer.parseInt(args[0]) : 1_000) / CHAINS * CHAINS;
        long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        StringBuilder report = new StringBuilder();
        Path dataDir = Files.createTempDirectory("chaoschain-bench-");
        try (PostgresServer postgres = PostgresServer.start();
                RedisServer redis = RedisServer.start()) {
            PostgresTarget target = postgres.newDatabase();
            TimeProvider clock = TimeProvider.system();
            try (Database db = Database.openPostgres(target, dataDir, clock);
                    RedisScoreCache redisCache = new RedisScoreCache(redis.url()).check()) {
                line(
                        report,
                        "machine: %d CPUs (shared with other builds), JVM %s",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                long started = System.nanoTime();
                seed(db, agents, events);
                line(
                        report,
                        "seeded %,d agents, %,d events (%,d contributions + %,d feedback) in PostgreSQL in %.1f s",
                        agents,
                        events,
                        events / 5,
                        events - events / 5,
                        (System.nanoTime() - started) / 1e9);
                ReputationService noCache = new ReputationService(db.stores().reputation(), new NoScoreCache(), clock);
                ReputationService cached = new ReputationService(db.stores().reputation(), redisCache, clock);
                ReputationService.RebuildResult rebuilt = noCache.rebuild();
                line(
                        report,
                        "scored: %,d scores from %,d contributions + %,d feedback in %.1f s (load + CredRank + save)",
                        rebuilt.scores(),
                        rebuilt.contributions(),
                        rebuilt.feedback(),
                        rebuilt.took().toMillis() / 1e3);
                redisCache.invalidate();

                ApiServer baseline = api(db, noCache, clock);
                ApiServer withRedis = api(db, cached, clock);
                try {
                    HttpClient http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .executor(Executors.newVirtualThreadPerTaskExecutor())
                            .build();
                    line(
                            report,
                            "load: %d concurrent closed-loop clients (Java HttpClient, same machine), %d s per run after a"
                                    + " %d s warm-up",
                            concurrency,
                            seconds,
                            Math.max(2, seconds / 4));
                    line(
                            report,
                            "%-34s %-10s %9s %9s %9s %9s %10s %8s",
                            "endpoint",
                            "setup",
                            "p50 ms",
                            "p90 ms",
                            "p99 ms",
                            "max ms",
                            "req/s",
                            "errors");
                    for (String path : List.of(
                            "/api/reputation/leaderboard?domain=1/governance&limit=100",
                            "/api/reputation/leaderboard?limit=100")) {
                        String label =
                                path.contains("domain") ? "leaderboard 1/governance top100" : "leaderboard all top100";
                        for (int round = 0;
                                round < 2;
                                round++) { // alternate so drift on a busy machine hits both alike
                            Result base = drive(http, baseline.port(), path, seconds, concurrency);
                            line(report, "%-34s %-10s %s", label, "postgres", base);
                            Result hot = drive(http, withRedis.port(), path, seconds, concurrency);
                            line(report, "%-34s %-10s %s", label, "redis", hot);
                        }
                    }
                } finally {
                    baseline.stop().join();
                    withRedis.stop().join();
                }
            }
        } finally {
            deleteTree(dataDir);
        }
        Path results = Path.of("bench/results");
        Files.createDirectories(results);
        Path out = results.resolve("reputation-api-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.writeString(out, report);
        System.out.println("written to " + out);
    }

    private static ApiServer api(Database db, ReputationService service, TimeProvider clock) {
        ApiServer api = new ApiServer(
                ApiOptions.loopback(0, TOKEN),
                db.stores(),
                List::of,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                clock,
                service);
        api.start().join();
        return api;
    }

    /**
     * Synthetic log generated inside PostgreSQL (generate_series), one fifth contributions and the rest feedback, over
     * {@code agents} agents in {@value #CHAINS} chain domains and the past year. Rows are plain data: the attestation rows
     * carry no real signature (the bench measures reads, and verification is measured by the attestation tests).
     */
    private static void seed(Database db, int agents, long events) throws SQLException {
        long contributions = events / 5;
        long feedback = events - contributions;
        String[] kinds = {
            "proposal.drafted",
            "proposal.simulated",
            "proposal.submitted",
            "proposal.accepted",
            "proposal.executed",
            "metric.outcome",
            "insight.shared",
            "validation.confirmed"
        };
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO reputation_attestations (uid, attester, recipient, agent_id, schema_uid, attested_at, kind,"
                            + " chain, area, subject, amount, value_decimals, signed_json, recorded_at)"
                            + " SELECT '0x' || lpad(to_hex(i), 64, '0'), '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',"
                            + " '0x0000000000000000000000000000000000000000', ((i % " + CHAINS
                            + ") + 1) || ':' || (i % " + agents + "),"
                            + " '0x' || repeat('ab', 32), now() - (i % 31536000) * interval '1 second',"
                            + " (ARRAY['" + String.join("','", kinds) + "'])[(i % " + kinds.length + ") + 1],"
                            + " ((i % " + CHAINS + ") + 1)::text, 'governance', '0x' || lpad(to_hex(i), 64, '0'),"
                            + " (i % 7) - 2, 0, '{}', now() FROM generate_series(1, " + contributions + ") AS i");
            s.execute("INSERT INTO reputation_feedback (chain_id, tx_hash, log_index, agent_id, client, feedback_index,"
                    + " amount, value_decimals, tag1, tag2, chain, area, given_at)"
                    + " SELECT (i % " + CHAINS + ") + 1, '0x' || lpad(to_hex(i), 64, '0'), 0,"
                    + " ((i % " + CHAINS + ") + 1) || ':' || ((((i / " + CHAINS + ") * 7) % (" + agents / CHAINS
                    + ")) * " + CHAINS
                    + " + (i % " + CHAINS + ")),"
                    + " '0x' || lpad(to_hex(i % 5000), 40, '0'), i, (i * 13) % 101, 0, 'quality', '',"
                    + " ((i % " + CHAINS + ") + 1)::text, 'governance', now() - (i % 31536000) * interval '1 second'"
                    + " FROM generate_series(1, " + feedback + ") AS i");
            // a quarter of the reviewers are agents themselves, so their reviews carry their reputation
            s.execute("INSERT INTO reputation_reviewers (address, agent_id) SELECT '0x' || lpad(to_hex(i), 40, '0'),"
                    + " '1:' || (i % " + agents + ") FROM generate_series(0, 1249) AS i");
            s.execute("ANALYZE");
        }
    }

    private static Result drive(HttpClient http, int port, String path, int seconds, int concurrency) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        run(
                http,
                request,
                Duration.ofSeconds(Math.max(2, seconds / 4)),
                concurrency); // warm-up: JIT, pools, cache fill
        return run(http, request, Duration.ofSeconds(seconds), concurrency);
    }

    private static Result run(HttpClient http, HttpRequest request, Duration duration, int concurrency)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Future<long[]>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    long errors = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t;
                        if (response.statusCode() != 200) {
                            errors++;
                            continue;
                        }
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = took;
                    }
                    long[] out = Arrays.copyOf(samples, n + 1);
                    out[n] = errors; // last slot: error count
                    return out;
                }));
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long errors = 0;
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (Future<long[]> f : workers) {
            long[] part = f.get();
            errors += part[part.length - 1];
            parts.add(part);
            total += part.length - 1;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length - 1);
            at += part.length - 1;
        }
        Arrays.sort(all);
        return new Result(
                pct(all, 0.50),
                pct(all, 0.90),
                pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                total / elapsed,
                errors);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private record Result(double p50, double p90, double p99, double max, double throughput, long errors) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "%9.2f %9.2f %9.2f %9.2f %10.0f %8d", p50, p90, p99, max, throughput, errors);
        }
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** The baseline: no cache at all, every request reads PostgreSQL. */
    static final class NoScoreCache implements ScoreCache {
        @Override
        public Lookup get(String key) {
            return new Lookup(0, null);
        }

        @Override
        public void put(long generation, String key, String json) {}

        @Override
        public long invalidate() {
            return 0;
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void close() {}
    }
}
