package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC conversions shared by the stores; kept in one place so every table maps types the same way. */
final class Sql {
    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a missing foreign-key parent in H2 (PostgreSQL reports 23503 for both directions). */
    static final String FOREIGN_KEY_PARENT_MISSING = "23506";

    static final String FOREIGN_KEY_VIOLATION = "23503";

    private Sql() {}

    /** Whether {@code e} (an SQLException, or a {@link StoreException} caused by one) violated a unique constraint. */
    static boolean isUniqueViolation(Exception e) {
        return UNIQUE_VIOLATION.equals(sqlState(e));
    }

    /** Whether {@code e} (an SQLException, or a {@link StoreException} caused by one) referenced a missing row. */
    static boolean isMissingParent(Exception e) {
        String state = sqlState(e);
        return FOREIGN_KEY_PARENT_MISSING.equals(state) || FOREIGN_KEY_VIOLATION.equals(state);
    }

    private static String sqlState(Exception e) {
        Throwable failure = e instanceof StoreException && e.getCause() != null ? e.getCause() : e;
        return failure instanceof SQLException sql ? sql.getSQLState() : null;
    }

    static Instant truncate(Instant instant) {
        return Fields.micros(instant);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Reads a decimal without the column's trailing zeros, so 0.75 reads back as 0.75, not 0.750000000000000000. */
    static BigDecimal getDecimal(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : normalize(value);
    }

    static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
