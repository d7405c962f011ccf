package io.chaoschain.core;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Hex and address helpers that name the offending field in their errors. */
public final class Hex {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private Hex() {}

    /** Returns the address in lower case, or throws naming {@code field} when it is not a 20-byte hex address. */
    public static String address(String value, String field) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + field + " must be a 0x-prefixed 20-byte hex address, got '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Returns 0x-prefixed lower-case hex data, or throws naming {@code field}. */
    public static String data(String value, String field) {
        if (value == null || !DATA.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + field + " must be 0x-prefixed hex with an even number of digits, got '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public static byte[] decode(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return HexFormat.of().parseHex(digits);
    }

    public static String encode(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** The 4-byte selector of a function signature such as {@code transfer(address,uint256)}: keccak256's first bytes. */
    public static String functionSelector(String signature) {
        byte[] hash = org.web3j.crypto.Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return encode(java.util.Arrays.copyOf(hash, 4));
    }

    /** The 4-byte function selector at the start of calldata, or "0x" for empty calldata. */
    public static String selector(String calldata) {
        return calldata.length() >= 10 ? calldata.substring(0, 10).toLowerCase(Locale.ROOT) : "0x";
    }
}
