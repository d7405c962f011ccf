package io.chaoschain.core;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Validation of record fields shared by every module's value types; each failure names the field. */
public final class Fields {
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private Fields() {}

    /**
     * Instants kept with microsecond precision (what both H2 and PostgreSQL store), so a value reads back equal to
     * what was written.
     */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static BigInteger uint256(BigInteger value, String field) {
        if (value == null || value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException(field + " must be a uint256, got " + value);
        }
        return value;
    }

    /** A 32-byte hash (tx hash, report hash) as lower-case 0x-prefixed hex; null stays null. */
    public static String hash32(String value, String field) {
        if (value == null) {
            return null;
        }
        String hex = Hex.data(value, field);
        if (hex.length() != 66) {
            throw new IllegalArgumentException(
                    field + " must be a 32-byte hash (0x + 64 hex digits), got '" + value + "'");
        }
        return hex;
    }

    public static String requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return value;
    }
}
