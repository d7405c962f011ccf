package io.chaoschain.chains;

import io.chaoschain.core.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code eth_getLogs} filter over an inclusive block range.
 *
 * @param addresses emitting contracts; empty matches any
 * @param topics per topic position, the accepted values (any of them matches); an empty list at a position matches
 *     anything there
 */
public record LogFilter(long fromBlock, long toBlock, List<String> addresses, List<List<String>> topics) {
    public LogFilter {
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException(
                    "log filter needs 0 <= fromBlock <= toBlock, got " + fromBlock + ".." + toBlock);
        }
        addresses = addresses.stream()
                .map(a -> Hex.address(a, "log filter address"))
                .toList();
        List<List<String>> copy = new ArrayList<>();
        for (List<String> position : topics) {
            copy.add(position.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
        }
        topics = List.copyOf(copy);
    }

    /** Logs of {@code addresses} whose topic 0 is one of {@code topic0s} (any event when empty). */
    public static LogFilter of(long fromBlock, long toBlock, List<String> addresses, List<String> topic0s) {
        return new LogFilter(fromBlock, toBlock, addresses, topic0s.isEmpty() ? List.of() : List.of(topic0s));
    }

    public LogFilter withRange(long from, long to) {
        return new LogFilter(from, to, addresses, topics);
    }
}
