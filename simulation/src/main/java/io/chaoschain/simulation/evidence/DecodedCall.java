package io.chaoschain.simulation.evidence;

import java.util.List;

/**
 * Calldata decoded against a known ABI, or just its selector when no ABI knows it.
 *
 * @param selector the 4-byte selector (0x-hex; "0x" for empty calldata)
 * @param signature the function signature, e.g. {@code transfer(address,uint256)}, or null when unknown
 * @param args decoded arguments in order (empty when unknown)
 * @param abiSource where the signature came from: a project contract ({@code LendingMarket}), a standard fragment
 *     ({@code ERC20}), {@code bundled:<package@version> <contract>}, {@code user:<file>}, {@code signature},
 *     {@code sourcify}, {@code explorer}; or, for an unknown function, {@code bytecode-inferred: <what the code
 *     says>} with {@code args} holding the argument words' inferred shapes; or null
 */
public record DecodedCall(String selector, String signature, List<Argument> args, String abiSource) {
    public DecodedCall {
        args = List.copyOf(args);
    }

    public boolean known() {
        return signature != null;
    }

    /** The function name, or the selector when unknown. */
    public String name() {
        return signature == null ? selector : signature.substring(0, signature.indexOf('('));
    }

    /**
     * One argument; {@code value} is rendered as text: decimal for integers, lower-case 0x-hex for addresses and bytes,
     * {@code true}/{@code false}, {@code [a, b]} for arrays.
     */
    public record Argument(String name, String type, String value) {}

    /** A rendering such as {@code setReserveFactor(rf=0.2e18)}: name and args, or the selector. */
    public String render() {
        if (signature == null) {
            if (abiSource == null || !abiSource.startsWith("bytecode-inferred")) {
                return selector + " (unknown function)";
            }
            String detail = abiSource.substring(abiSource.indexOf(':') + 1).strip();
            return selector + " (unknown function; " + detail
                    + (args.isEmpty()
                            ? ""
                            : "; args look like "
                                    + String.join(
                                            ",",
                                            args.stream().map(Argument::type).toList()))
                    + ")";
        }
        StringBuilder sb = new StringBuilder(name()).append('(');
        for (int i = 0; i < args.size(); i++) {
            Argument a = args.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            if (a.name() != null && !a.name().isEmpty()) {
                sb.append(a.name()).append('=');
            }
            sb.append(a.value());
        }
        return sb.append(')').toString();
    }
}
