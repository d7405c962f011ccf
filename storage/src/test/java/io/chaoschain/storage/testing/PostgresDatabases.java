package io.chaoschain.storage.testing;

import io.chaoschain.storage.PostgresTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One PostgreSQL database per test class, emptied before each test: creating and migrating a database per test costs
 * seconds, emptying its tables milliseconds.
 */
public final class PostgresDatabases {
    private static final Map<Class<?>, PostgresTarget> BY_CLASS = new ConcurrentHashMap<>();

    private PostgresDatabases() {}

    /** The test class's database; its reputation tables are emptied when it was used before. */
    public static PostgresTarget forClass(PostgresServer server, Class<?> testClass) {
        boolean[] created = {false};
        PostgresTarget target = BY_CLASS.computeIfAbsent(testClass, c -> {
            created[0] = true;
            return server.newDatabase();
        });
        if (!created[0]) {
            truncateAll(target);
        }
        return target;
    }

    private static void truncateAll(PostgresTarget target) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                Statement s = c.createStatement()) {
            // every table but Flyway's history, so the next test sees a migrated, empty schema
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history'")) {
                while (rows.next()) {
                    tables.add('"' + rows.getString(1) + '"');
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty test database " + target.url() + ": " + e.getMessage(), e);
        }
    }
}
