package io.chaoschain.storage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an executed proposal did to the market, measured some time after execution.
 *
 * @param measuredAtBlock the block the "after" values were read at
 * @param before metric values before execution (e.g. {@code utilization})
 * @param after metric values at {@code measuredAtBlock}
 * @param improved whether the proposal achieved what its description promised; counts toward the agent's record
 * @param summary one human-readable line
 */
public record ProposalOutcome(
        long measuredAtBlock,
        Map<String, BigDecimal> before,
        Map<String, BigDecimal> after,
        boolean improved,
        String summary) {
    public ProposalOutcome {
        before = Map.copyOf(before == null ? Map.of() : new TreeMap<>(before));
        after = Map.copyOf(after == null ? Map.of() : new TreeMap<>(after));
        summary = summary == null ? "" : summary;
    }
}
