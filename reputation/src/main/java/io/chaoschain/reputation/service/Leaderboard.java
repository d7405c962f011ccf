package io.chaoschain.reputation.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * The best agents in a domain ({@code chain/area}), or over all domains when {@code domain} is {@code "all"}.
 *
 * @param generation the score computation the ranking comes from
 */
public record Leaderboard(String domain, long generation, List<Entry> entries) {

    public static final String ALL = "all";

    public record Entry(int rank, String agentId, BigDecimal score) {}
}
