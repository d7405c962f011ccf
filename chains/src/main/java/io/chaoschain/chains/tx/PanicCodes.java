package io.chaoschain.chains.tx;

import java.math.BigInteger;
import java.util.Map;

/** The meaning of Solidity's {@code Panic(uint256)} codes. */
final class PanicCodes {
    private static final Map<Integer, String> CODES = Map.of(
            0x00, "generic compiler panic",
            0x01, "assertion failed",
            0x11, "arithmetic overflow or underflow",
            0x12, "division or modulo by zero",
            0x21, "invalid enum value",
            0x22, "corrupt storage byte array",
            0x31, "pop on empty array",
            0x32, "array index out of bounds",
            0x41, "out of memory",
            0x51, "call to zero-initialized function");

    private PanicCodes() {}

    static String describe(BigInteger code) {
        if (code.bitLength() > 31) {
            return "unknown panic code";
        }
        return CODES.getOrDefault(code.intValue(), "unknown panic code");
    }
}
