package io.chaoschain.reputation.scoring;

import java.util.Comparator;

/**
 * Where a contribution or a piece of feedback applies: a chain (for example {@code "31337"} or {@code "mainnet"}) and a
 * governance area such as {@code risk-parameters}, {@code treasury}, {@code upgrades} or {@code gas}. Scores in one domain
 * never influence scores in another.
 */
public record Domain(String chain, String area) implements Comparable<Domain> {

    private static final Comparator<Domain> ORDER =
            Comparator.comparing(Domain::chain).thenComparing(Domain::area);

    public Domain {
        if (chain == null || chain.isBlank()) {
            throw new IllegalArgumentException("domain chain must not be blank");
        }
        if (area == null || area.isBlank()) {
            throw new IllegalArgumentException("domain area must not be blank");
        }
    }

    public static Domain of(String chain, String area) {
        return new Domain(chain, area);
    }

    @Override
    public int compareTo(Domain other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return chain + "/" + area;
    }
}
