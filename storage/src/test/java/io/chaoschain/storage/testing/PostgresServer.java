package io.chaoschain.storage.testing;

import io.chaoschain.core.testing.Waiter;
import io.chaoschain.storage.PostgresTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: a fresh cluster ({@code initdb}) in a temporary directory, on a free loopback
 * port, started as a child process and removed when closed. As root (CI), PostgreSQL refuses to run, so the server
 * runs as the {@code postgres} system user that the Debian package creates.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "chaoschain";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;
    private final Process process;

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server, or fails with a message saying what is missing. */
    public static PostgresServer start() {
        List<Path> dirs = new ArrayList<>();
        String configured = System.getenv("CHAOSCHAIN_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            dirs.add(Path.of(configured));
        }
        dirs.addAll(LocalServer.postgresDirs());
        Path initdb = LocalServer.findBinary("initdb", dirs)
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH); "
                                + LocalServer.HOW_TO_INSTALL));
        Path postgres = initdb.resolveSibling("postgres");
        boolean root = LocalServer.runningAsRoot();
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory(
                    "chaoschain-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), null);
            }
            Path data = dir.resolve("data");
            Path initLog = dir.resolve("initdb.log");
            List<String> init = new ArrayList<>(asUser);
            init.addAll(List.of(
                    initdb.toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    SUPERUSER,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C"));
            run(init, initLog);
            int port = LocalServer.freePort();
            List<String> serve = new ArrayList<>(asUser);
            serve.addAll(List.of(
                    postgres.toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-k",
                    dir.toString(),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "max_connections=200"));
            Path log = dir.resolve("postgres.log");
            process = new ProcessBuilder(serve)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PostgresServer server = new PostgresServer(dir, port, process);
            server.awaitReady(log);
            // a test JVM that is killed still takes its server down
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + binaryName()));
            return server;
        } catch (IOException | RuntimeException e) {
            LocalServer.stop(process);
            LocalServer.deleteTree(dir);
            throw new IllegalStateException(
                    "cannot start PostgreSQL (" + e.getMessage() + "); " + LocalServer.HOW_TO_INSTALL, e);
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path out = log != null ? log : Files.createTempFile("chaoschain-pg-cmd", ".log");
        builder.redirectOutput(out.toFile());
        try {
            Process p = builder.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + LocalServer.tail(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            if (log == null) {
                Files.deleteIfExists(out);
            }
        }
    }

    /** Waits until the server accepts connections (startup takes a moment; a dead process fails at once). */
    private void awaitReady(Path log) {
        try {
            Waiter.waitForValue(
                    "postgres to accept connections",
                    Duration.ofSeconds(60),
                    () -> !process.isAlive() || acceptsConnections() ? Optional.of(true) : Optional.empty());
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "\n" + LocalServer.tail(log), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "postgres exited with " + process.exitValue() + ":\n" + LocalServer.tail(log));
        }
    }

    private boolean acceptsConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            return true;
        }
    }

    private static String binaryName() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database on this server, for one test or test class. */
    public PostgresTarget newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new PostgresTarget("postgresql://127.0.0.1:" + port + "/" + name, SUPERUSER, null);
    }

    @Override
    public void close() {
        LocalServer.stop(process);
        LocalServer.deleteTree(dir);
    }
}
