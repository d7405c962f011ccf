package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.tx.RevertDecoder;
import io.chaoschain.chains.tx.RevertReason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Revert reasons as the simulator reports and counts them. Decoding is {@link RevertDecoder}'s (the chains module's
 * one decoder for {@code Error(string)}, {@code Panic(uint256)} and custom errors by selector); this class only
 * renders the result in the simulator's compact form, e.g. {@code InvalidParameter("kink", 0)}.
 */
public final class ErrorDecoder {
    /** Where the chains build packages the compiled contracts' ABIs. */
    public static final String COMBINED_JSON = "io/chaoschain/chains/contracts/combined.json";

    /**
     * A decoded revert.
     *
     * @param name what to count reverts by: the custom error's name, the {@code Error(string)} message, {@code
     *     Panic(0x11)}, or a fallback such as {@code unknown error 0x12345678}
     * @param detail the name with decoded arguments where there are any, e.g. {@code InvalidParameter("kink", 0)}
     */
    public record Reason(String name, String detail) {}

    private final RevertDecoder decoder;

    private ErrorDecoder(RevertDecoder decoder) {
        this.decoder = decoder;
    }

    /** A decoder knowing every custom error in the ChaosChain contracts. */
    public static ErrorDecoder fromClasspath() {
        return new ErrorDecoder(RevertDecoder.bundled());
    }

    /** Reads {@code {"Contract": {"abi": [...]}, ...}} as written by scripts/compile-contracts.mjs. */
    public static ErrorDecoder fromCombinedJson(JsonNode combined) {
        return new ErrorDecoder(RevertDecoder.fromAbiJson(combined.toString()));
    }

    /** Decodes revert data (0x-prefixed hex; empty when the revert carried none). */
    public Reason decode(String revertData) {
        RevertReason r = decoder.decode(revertData);
        return switch (r.kind()) {
            case ERROR_MESSAGE, EMPTY, OUT_OF_GAS -> new Reason(r.label(), r.label());
            case PANIC -> {
                // RevertReason writes "Panic(0x11: what it means)"
                String full = r.toString();
                int colon = full.indexOf(": ");
                yield new Reason(
                        r.label(),
                        colon < 0 ? r.label() : r.label() + ": " + full.substring(colon + 2, full.length() - 1));
            }
            case CUSTOM_ERROR ->
                new Reason(
                        r.name(),
                        r.args().isEmpty() || isRawTuple(r)
                                ? r.name()
                                : r.name() + "("
                                        + r.args().stream()
                                                .map(ErrorDecoder::render)
                                                .collect(Collectors.joining(", ")) + ")");
            case UNKNOWN -> new Reason("unknown error " + r.selector(), "unknown error " + r.data());
        };
    }

    private static boolean isRawTuple(RevertReason r) {
        return r.args().size() == 1
                && r.args().getFirst().name().equals("data")
                && r.args().getFirst().type().equals("bytes")
                && r.args().getFirst().value().toString().length() > 2
                && r.data().length() > 10
                && r.data()
                        .substring(10)
                        .equals(r.args().getFirst().value().toString().substring(2));
    }

    private static String render(RevertReason.Argument a) {
        return render(a.type(), a.value());
    }

    private static String render(String type, Object value) {
        if (value instanceof List<?> list) {
            String element = type.endsWith("]") ? type.substring(0, type.lastIndexOf('[')) : type;
            return list.stream().map(v -> render(element, v)).collect(Collectors.joining(", ", "[", "]"));
        }
        return type.equals("string") ? '"' + String.valueOf(value) + '"' : String.valueOf(value);
    }
}
