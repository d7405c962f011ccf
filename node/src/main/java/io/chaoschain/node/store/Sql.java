package io.chaoschain.node.store;

import io.chaoschain.core.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JDBC conversions shared by the stores; kept in one place so every table maps types the same way. */
final class Sql {
  /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";
  /** SQLSTATE of a missing foreign-key parent in H2 (PostgreSQL reports 23503 for both directions). */
  static final String FOREIGN_KEY_PARENT_MISSING = "23506";
  static final String FOREIGN_KEY_VIOLATION = "23503";

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private Sql() {}

  static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  static boolean isMissingParent(SQLException e) {
    return FOREIGN_KEY_PARENT_MISSING.equals(e.getSQLState()) || FOREIGN_KEY_VIOLATION.equals(e.getSQLState());
  }

  /**
   * Instants are stored with microsecond precision (what both H2 and PostgreSQL keep), so a value reads back equal
   * to what was written.
   */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
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

  static BigInteger uint256(BigInteger value, String field) {
    if (value == null || value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException(field + " must be a uint256, got " + value);
    }
    return value;
  }

  /** A 32-byte hash (tx hash, report hash) as lower-case 0x-prefixed hex; null stays null. */
  static String hash32(String value, String field) {
    if (value == null) {
      return null;
    }
    String hex = Hex.data(value, field);
    if (hex.length() != 66) {
      throw new IllegalArgumentException(field + " must be a 32-byte hash (0x + 64 hex digits), got '" + value + "'");
    }
    return hex;
  }

  static String requireText(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, got " + value.length());
    }
    return value;
  }
}
