package io.chaoschain.reputation.attestation.internal;

import io.chaoschain.core.UserFacingException;
import java.util.regex.Pattern;

/**
 * Shape checks for hex fields that keep the caller's text unchanged: the off-chain UID hashes the schema UID's hex
 * text, so normalising case would change what was signed.
 */
public final class Fields {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private Fields() {}

    public static String address(String value, String field) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + field + " must be a 0x-prefixed 20-byte hex address, got '" + value + "'");
        }
        return value;
    }

    public static String bytes32(String value, String field) {
        if (value == null || !BYTES32.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + field + " must be 0x-prefixed 32-byte hex (64 digits), got '" + value + "'");
        }
        return value;
    }

    public static String data(String value, String field) {
        if (value == null || !DATA.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + field + " must be 0x-prefixed hex with an even number of digits, got '" + value + "'");
        }
        return value;
    }
}
