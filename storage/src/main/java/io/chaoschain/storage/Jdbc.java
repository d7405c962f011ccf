package io.chaoschain.storage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way the stores run SQL: prepares a statement, binds its parameters in order, runs it and maps its rows.
 * Statements run on the calling thread's transaction when there is one ({@link Database#inTransaction}), so a store
 * call made inside a transaction joins it; otherwise on a pooled connection in auto-commit mode.
 *
 * <p>A failing statement becomes a {@link StoreException} that names the operation ({@code insert into votes}) and
 * keeps the {@link SQLException} as its cause, so a store can still tell a constraint violation from other failures
 * ({@link Sql#isUniqueViolation}). The SQL the stores pass is the same on H2 (PostgreSQL mode) and PostgreSQL.
 */
final class Jdbc {
    /** Rows sent per round trip by {@link #batch}. */
    static final int BATCH_SIZE = 1_000;
    /** Rows fetched per round trip by {@link #forEach}; PostgreSQL streams only inside a transaction. */
    static final int FETCH_SIZE = 10_000;

    private final Database db;

    Jdbc(Database db) {
        this.db = db;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        /** Binds nothing: for statements without parameters. */
        Binder NONE = params -> {};

        void bind(Params params) throws SQLException;
    }

    /** Binds the parameters of one item of a {@link #batch}. */
    @FunctionalInterface
    interface ItemBinder<T> {
        void bind(Params params, T item) throws SQLException;
    }

    /** Maps the current row; must not move the cursor. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The parameters of one statement, bound in the order of their placeholders; nulls are bound as SQL NULL. */
    static final class Params {
        private final PreparedStatement statement;
        private int index;

        private Params(PreparedStatement statement) {
            this.statement = statement;
        }

        Params text(String value) throws SQLException {
            Sql.setString(statement, ++index, value);
            return this;
        }

        Params integer(int value) throws SQLException {
            statement.setInt(++index, value);
            return this;
        }

        Params bigint(long value) throws SQLException {
            statement.setLong(++index, value);
            return this;
        }

        Params decimal(BigDecimal value) throws SQLException {
            statement.setBigDecimal(++index, value);
            return this;
        }

        Params real(double value) throws SQLException {
            statement.setDouble(++index, value);
            return this;
        }

        Params bool(boolean value) throws SQLException {
            statement.setBoolean(++index, value);
            return this;
        }

        /** A timestamp with time zone, truncated to microseconds like every instant the stores write. */
        Params instant(Instant value) throws SQLException {
            Sql.setInstant(statement, ++index, value);
            return this;
        }

        private void restart() {
            index = 0;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    int update(String sql, Binder binder) {
        return run(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(new Params(statement));
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs an INSERT that does nothing when the row would violate a unique constraint (a record delivered twice);
     * returns whether a row was inserted.
     */
    boolean insertIgnoringDuplicate(String insert, Binder binder) {
        return update(insert + " ON CONFLICT DO NOTHING", binder) == 1;
    }

    /** Runs an INSERT of one row into a table with a generated id; returns the id. */
    long insertReturningId(String insert, Binder binder) {
        return run(insert, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                binder.bind(new Params(statement));
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("the database returned no id for the row of " + operation(insert));
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Runs a query and maps every row, in the order the query returns them. */
    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return run(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(new Params(statement));
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(mapper.map(rows));
                    }
                    return out;
                }
            }
        });
    }

    /** Runs a query and maps its first row; empty when it returns none. */
    <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
        return run(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(new Params(statement));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Runs a query whose first row's first column is a number (a count); 0 when that is SQL NULL. */
    long queryLong(String sql, Binder binder) {
        return queryOne(sql, binder, row -> row.getLong(1)).orElse(0L);
    }

    /** Runs one statement per item as JDBC batches of {@value #BATCH_SIZE}; returns the number of items. */
    <T> int batch(String sql, Iterable<? extends T> items, ItemBinder<T> binder) {
        return run(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Params params = new Params(statement);
                int total = 0;
                int pending = 0;
                for (T item : items) {
                    params.restart();
                    binder.bind(params, item);
                    statement.addBatch();
                    total++;
                    if (++pending == BATCH_SIZE) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
                return total;
            }
        });
    }

    /**
     * Streams a query's rows to {@code sink} without holding them all, {@value #FETCH_SIZE} rows per round trip. Runs in
     * a transaction (joining the current one), which PostgreSQL needs to stream instead of reading everything at once.
     */
    <T> void forEach(String sql, Binder binder, RowMapper<T> mapper, Consumer<? super T> sink) {
        db.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(new Params(statement));
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(mapper.map(rows));
                    }
                }
                return null;
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        });
    }

    private <T> T run(String sql, Database.SqlWork<T> work) {
        return db.withConnection(connection -> {
            try {
                return work.apply(connection);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        });
    }

    private static StoreException failure(String sql, SQLException e) {
        return new StoreException("database error in " + operation(sql) + ": " + e.getMessage(), e);
    }

    /**
     * What a statement does, for messages: {@code select from proposals}, {@code insert into votes},
     * {@code update agents}, {@code delete from votes}.
     */
    static String operation(String sql) {
        String[] words = sql.strip().split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        String table = switch (verb) {
            case "insert", "delete" -> words.length > 2 ? words[2] : "";
            case "update" -> words.length > 1 ? words[1] : "";
            default -> tableAfterFrom(words);
        };
        String name = table.replaceFirst("[^A-Za-z0-9_.].*$", "");
        String preposition = switch (verb) {
            case "insert" -> " into ";
            case "update" -> " ";
            default -> " from ";
        };
        return name.isEmpty() ? verb : verb + preposition + name;
    }

    private static String tableAfterFrom(String[] words) {
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equalsIgnoreCase("from") && !words[i + 1].startsWith("(")) {
                return words[i + 1];
            }
        }
        return "";
    }
}
