package io.chaoschain.chains.tx;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a call or transaction reverted, decoded from its revert data.
 *
 * @param kind which of the standard shapes the data had
 * @param selector the 4-byte selector ("0x" when there was no data)
 * @param name the error's name: {@code Error}, {@code Panic}, a custom error's name, or empty when unknown
 * @param args decoded arguments, in declaration order
 * @param data the raw revert data
 */
public record RevertReason(Kind kind, String selector, String name, List<Argument> args, String data) {

    public RevertReason {
        args = List.copyOf(args);
    }

    public enum Kind {
        /** {@code Error(string)}: {@code require(cond, "message")} or {@code revert("message")}. */
        ERROR_MESSAGE,
        /** {@code Panic(uint256)}: failed assert, overflow, division by zero, bad array index. */
        PANIC,
        /** A custom error found in the decoder's ABI. */
        CUSTOM_ERROR,
        /** A selector the decoder does not know. */
        UNKNOWN,
        /** A revert without data. */
        EMPTY,
        /** The transaction used all its gas; nothing was returned. */
        OUT_OF_GAS
    }

    /** One decoded argument; {@code value} is a BigInteger, String (addresses, bytes as hex), Boolean or List. */
    public record Argument(String name, String type, Object value) {}

    /** The value of argument {@code argName}. */
    public Optional<Object> arg(String argName) {
        return args.stream()
                .filter(a -> a.name().equals(argName))
                .map(Argument::value)
                .findFirst();
    }

    /**
     * A short key for counting reverts by cause: the message of {@code Error(string)}, the custom error's name,
     * {@code Panic(0x11)}, or the unknown selector.
     */
    public String label() {
        return switch (kind) {
            case ERROR_MESSAGE -> String.valueOf(args.getFirst().value());
            case PANIC ->
                "Panic(0x"
                        + Long.toHexString(
                                ((java.math.BigInteger) args.getFirst().value()).longValue()) + ")";
            case CUSTOM_ERROR -> name;
            case UNKNOWN -> "unknown error " + selector;
            case EMPTY -> "reverted without reason";
            case OUT_OF_GAS -> "out of gas";
        };
    }

    /** The reason in full, e.g. {@code BorrowRateAboveLimit(borrowRatePerYear=..., maxBorrowRatePerYear=...)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ERROR_MESSAGE -> String.valueOf(args.getFirst().value());
            case PANIC -> {
                java.math.BigInteger code =
                        (java.math.BigInteger) args.getFirst().value();
                yield "Panic(0x" + code.toString(16) + ": " + PanicCodes.describe(code) + ")";
            }
            case CUSTOM_ERROR ->
                name + "("
                        + args.stream()
                                .map(a -> (a.name().isEmpty() ? "" : a.name() + "=") + a.value())
                                .collect(Collectors.joining(", "))
                        + ")";
            case UNKNOWN -> "unknown error " + selector + " (data " + data + ")";
            case EMPTY -> "reverted without reason";
            case OUT_OF_GAS -> "out of gas";
        };
    }
}
