package io.chaoschain.storage.testing;

import io.chaoschain.core.testing.Waiter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;

/** A real {@code redis-server} for tests: a free loopback port, no persistence, stopped when closed. */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private RedisServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static RedisServer start() {
        Path binary = LocalServer.findBinary("redis-server", List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin")))
                .orElseThrow(() ->
                        new IllegalStateException("redis-server is not installed; " + LocalServer.HOW_TO_INSTALL));
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("chaoschain-redis-");
            int port = LocalServer.freePort();
            Path log = dir.resolve("redis.log");
            process = new ProcessBuilder(
                            binary.toString(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString(),
                            "--daemonize",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RedisServer server = new RedisServer(dir, port, process);
            server.awaitReady(log);
            // a test JVM that is killed still takes its server down
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + binaryName()));
            return server;
        } catch (IOException | RuntimeException e) {
            LocalServer.stop(process);
            LocalServer.deleteTree(dir);
            throw new IllegalStateException(
                    "cannot start redis-server (" + e.getMessage() + "); " + LocalServer.HOW_TO_INSTALL, e);
        }
    }

    /** Waits until the server answers PING (a dead process fails at once). */
    private void awaitReady(Path log) {
        try {
            Waiter.waitFor(
                    "redis-server to answer PING", Duration.ofSeconds(30), () -> !process.isAlive() || answersPing());
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "\n" + LocalServer.tail(log), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "redis-server exited with " + process.exitValue() + ":\n" + LocalServer.tail(log));
        }
    }

    private boolean answersPing() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(jedis.ping());
        }
    }

    private static String binaryName() {
        return "redis-server";
    }

    public int port() {
        return port;
    }

    /** The URL the node's {@code reputation.redis} setting takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Removes every key, so tests sharing the server start clean. */
    public void flush() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.flushAll();
        }
    }

    @Override
    public void close() {
        LocalServer.stop(process);
        LocalServer.deleteTree(dir);
    }
}
