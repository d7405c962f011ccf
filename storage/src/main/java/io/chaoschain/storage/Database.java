package io.chaoschain.storage;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's database, migrated by Flyway when opened: by default an embedded H2 file database in the data directory;
 * in production a PostgreSQL server ({@link #openPostgres}).
 *
 * <p>H2 runs in PostgreSQL mode and the migrations use portable SQL only, so the same schema runs on both. Work done inside {@link #inTransaction(Supplier)} shares one connection and commits or rolls back as a
 * whole; every store call made on that thread joins it.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String FILE_NAME = "chaoschain";
    /** H2 shares one database between every connection of a JVM, so a second node in this JVM must be refused here. */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    /** What the database is, for messages: the H2 file or the PostgreSQL URL (which never carries the password). */
    private final String where;

    private final DataSource pool;
    private final Runnable disposePool;
    private final boolean postgres;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final Stores stores;
    private volatile boolean closed;

    /** The node's exclusive claim on the data directory (null for a reader such as {@code proposals list}). */
    private final java.nio.channels.FileChannel nodeLock;

    private Database(
            Path dataDir,
            String where,
            DataSource pool,
            Runnable disposePool,
            boolean postgres,
            TimeProvider time,
            java.nio.channels.FileChannel nodeLock) {
        this.nodeLock = nodeLock;
        this.dataDir = dataDir;
        this.where = where;
        this.pool = pool;
        this.disposePool = disposePool;
        this.postgres = postgres;
        this.stores = new Stores(
                new JdbcChainStore(this, time),
                new JdbcMetricStore(this),
                new JdbcProposalStore(this, time),
                new JdbcSimulationStore(this, time),
                new JdbcVoteStore(this),
                new JdbcAgentStore(this, time),
                new JdbcCheckpointStore(this, time),
                new JdbcReputationRepository(this, time));
    }

    /** Opens (creating if needed) the database in {@code dataDir} with the system clock. */
    public static Database open(Path dataDir) {
        return open(dataDir, TimeProvider.system());
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir} and migrates it to the latest schema.
     *
     * @throws UserFacingException when the directory cannot be used or another node holds the database
     */
    public static Database open(Path dataDir, TimeProvider time) {
        Path dir = prepareDirectory(dataDir);
        Path dbFile = dir.resolve(FILE_NAME + ".mv.db");
        if (!OPEN_IN_THIS_JVM.add(dir)) {
            throw inUse(dbFile, null);
        }
        java.nio.channels.FileChannel lock = lockDirectory(dir, dbFile);
        return connect(dir, dbFile, time, lock);
    }

    /**
     * Opens the database for reading alongside a running node (the CLI's {@code proposals} and {@code agents}
     * commands): it takes no node lock, and connects through the node's embedded server when the node has the file
     * open. The server only accepts connections from this machine.
     */
    public static Database openShared(Path dataDir) {
        Path dir = prepareDirectory(dataDir);
        return connect(dir, dir.resolve(FILE_NAME + ".mv.db"), TimeProvider.system(), null);
    }

    /** One node per data directory: an OS file lock, released by the OS if the node dies. */
    private static java.nio.channels.FileChannel lockDirectory(Path dir, Path dbFile) {
        try {
            var channel = java.nio.channels.FileChannel.open(
                    dir.resolve("node.lock"),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                OPEN_IN_THIS_JVM.remove(dir);
                throw inUse(dbFile, null);
            }
            return channel;
        } catch (java.io.IOException e) {
            OPEN_IN_THIS_JVM.remove(dir);
            throw new UserFacingException(
                    "error: cannot lock data directory " + dir + ": " + e.getMessage() + "; check --data-dir", e);
        }
    }

    /**
     * Opens the PostgreSQL database {@code target} and migrates it to the latest schema. {@code dataDir} still holds the
     * node's other state (API token); it is not locked, since PostgreSQL itself arbitrates between connections.
     *
     * @throws UserFacingException when the server cannot be reached, refuses the login or the schema cannot be migrated
     */
    public static Database openPostgres(PostgresTarget target, Path dataDir, TimeProvider time) {
        Path dir = prepareDirectory(dataDir);
        com.zaxxer.hikari.HikariDataSource pool = null;
        try {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(target.jdbcUrl());
            config.setUsername(target.user());
            if (target.password() != null) {
                config.setPassword(target.password());
            }
            config.setMaximumPoolSize(32);
            config.setPoolName("chaoschain-postgres");
            // fail fast with our own message instead of a pool that retries in the background
            config.setInitializationFailTimeout(-1);
            config.setConnectionTimeout(10_000);
            pool = new com.zaxxer.hikari.HikariDataSource(config);
            try (Connection probe = pool.getConnection()) {
                probe.isValid(2);
            }
            migrate(pool, target.url());
            LOG.info("database {} open", target.url());
            com.zaxxer.hikari.HikariDataSource opened = pool;
            return new Database(dir, target.url(), pool, opened::close, true, time, null);
        } catch (SQLException e) {
            if (pool != null) {
                pool.close();
            }
            // the driver's message names host, port and user, never the password
            throw new UserFacingException(
                    "error: cannot open PostgreSQL database " + target.url() + ": " + firstLine(e.getMessage())
                            + "; check storage.url, storage.user and the password variable",
                    e);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    private static Database connect(Path dir, Path dbFile, TimeProvider time, java.nio.channels.FileChannel lock) {
        JdbcConnectionPool pool = null;
        try {
            pool = JdbcConnectionPool.create(jdbcUrl(dir), "sa", "");
            pool.setMaxConnections(32);
            // Open one connection before migrating: a lock held by another process shows up here with a clear error
            // code.
            try (Connection probe = pool.getConnection()) {
                probe.isValid(1);
            }
            migrate(pool, dbFile.toString());
            LOG.info("database {} open", dbFile);
            JdbcConnectionPool opened = pool;
            return new Database(dir, dbFile.toString(), pool, opened::dispose, false, time, lock);
        } catch (SQLException e) {
            release(dir, pool, lock);
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw inUse(dbFile, e);
            }
            throw new UserFacingException(
                    "error: cannot open database " + dbFile + ": " + firstLine(e.getMessage()) + "; check --data-dir",
                    e);
        } catch (RuntimeException e) {
            release(dir, pool, lock);
            throw e;
        }
    }

    /** The JDBC URL of the database kept in {@code dataDir}. */
    public static String jdbcUrl(Path dataDir) {
        String base = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME).toString();
        return "jdbc:h2:file:" + base
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
                // lets read-only CLI commands connect while a node runs; H2's server refuses connections from other
                // hosts
                + ";AUTO_SERVER=TRUE";
    }

    public Stores stores() {
        return stores;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True when this is a PostgreSQL server rather than the embedded H2 file. */
    public boolean isPostgres() {
        return postgres;
    }

    /** The H2 file or PostgreSQL URL (without password) this database lives in. */
    public String location() {
        return where;
    }

    /** For tools that need plain JDBC (reports, exports); the stores are the normal way in. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} in one transaction: every store call it makes on this thread uses the same connection, and all
     * of it commits when {@code work} returns or rolls back when it throws. Nested calls join the outer transaction.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return transaction(connection -> work.get());
    }

    public void inTransaction(Runnable work) {
        transaction(connection -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        disposePool.run();
        release(dataDir, null, nodeLock);
        LOG.info("database {} closed", where);
    }

    /** Runs {@code work} on the current transaction's connection, or on a pooled connection in auto-commit mode. */
    <T> T withConnection(SqlWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return run(work, bound);
        }
        checkOpen();
        try (Connection connection = pool.getConnection()) {
            return run(work, connection);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} atomically, joining the current transaction if there is one. */
    <T> T transaction(SqlWork<T> work) {
        Connection bound = transaction.get();
        if (bound != null) {
            return run(work, bound);
        }
        checkOpen();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                if (e instanceof SQLException sql) {
                    throw new StoreException("database error: " + sql.getMessage(), sql);
                }
                throw e;
            } finally {
                transaction.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private static <T> T run(SqlWork<T> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("database " + where + " is closed");
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Path prepareDirectory(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new UserFacingException("error: --data-dir must not contain ';', got '" + dir + "'");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserFacingException(
                    "error: data directory " + dir + " cannot be created ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable --data-dir",
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new UserFacingException(
                    "error: data directory " + dir + " is not writable; choose a writable --data-dir");
        }
        try {
            // Resolve links so two spellings of one directory are recognised as the same database.
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UserFacingException("error: data directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, String dbFile) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new UserFacingException(
                    "error: cannot migrate database " + dbFile + " to this node's schema: " + firstLine(e.getMessage())
                            + "; was it written by a newer chaoschain version?",
                    e);
        }
    }

    private static void release(Path dir, JdbcConnectionPool pool, java.nio.channels.FileChannel lock) {
        if (pool != null) {
            pool.dispose();
        }
        if (lock != null) {
            try {
                lock.close(); // releases the OS lock
            } catch (java.io.IOException e) {
                LOG.debug("closing the node lock failed", e);
            }
            OPEN_IN_THIS_JVM.remove(dir);
        }
    }

    private static UserFacingException inUse(Path dbFile, Throwable cause) {
        return new UserFacingException(
                "error: database " + dbFile
                        + " is in use by another chaoschain node; stop it or use a different --data-dir",
                2,
                cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
