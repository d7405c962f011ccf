package io.chaoschain.simulation.evidence;

import java.util.List;

/**
 * An event log emitted while a proposal executed, decoded where an ABI knows its topic.
 *
 * @param actionIndex the action (0-based) whose execution emitted it
 * @param address the emitting contract (lower-case)
 * @param topics raw topics (0x-hex)
 * @param data raw data (0x-hex)
 * @param signature the event signature, e.g. {@code Transfer(address,address,uint256)}, or null when unknown
 * @param args decoded arguments in declaration order (indexed and not), empty when unknown
 */
public record DecodedLog(
        int actionIndex,
        String address,
        List<String> topics,
        String data,
        String signature,
        List<DecodedCall.Argument> args) {

    public DecodedLog {
        topics = List.copyOf(topics);
        args = List.copyOf(args);
    }

    public boolean known() {
        return signature != null;
    }

    /** The event name, or the first topic when unknown. */
    public String name() {
        if (signature != null) {
            return signature.substring(0, signature.indexOf('('));
        }
        return topics.isEmpty() ? "anonymous" : topics.getFirst();
    }

    /** The value of the argument named {@code name}, or null. */
    public String arg(String name) {
        return args.stream()
                .filter(a -> name.equals(a.name()))
                .map(DecodedCall.Argument::value)
                .findFirst()
                .orElse(null);
    }
}
