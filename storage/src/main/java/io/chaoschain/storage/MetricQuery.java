package io.chaoschain.storage;

/**
 * Which snapshots {@link MetricStore#series(MetricQuery)} returns.
 *
 * @param chain only this chain, or null for all
 * @param market only this market address, or null for all
 * @param limit at most this many (the most recent ones), 1..{@value #MAX_LIMIT}
 */
public record MetricQuery(String chain, String market, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public MetricQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        market = market == null ? null : market.toLowerCase(java.util.Locale.ROOT);
    }

    public static MetricQuery latest(int limit) {
        return new MetricQuery(null, null, limit);
    }
}
