package io.chaoschain.reputation.service;

import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The one place where attested and on-chain events are translated into the scoring engine's agent keys and domains;
 * contribution kinds map in {@link io.chaoschain.reputation.mapping.Contributions}. Everything else in the node goes
 * through here, so a change of mapping is one edit.
 */
public final class ReputationMapping {
    /**
     * The governance area of every event until attestations and feedback carry one: attestations name only the chain,
     * and ERC-8004 tags are free text chosen by reviewers, so a reviewer could otherwise open a domain of its own.
     */
    public static final String DEFAULT_AREA = "governance";

    private static final String CAIP2_EVM = "eip155:";

    private ReputationMapping() {}

    /** The chain part of a domain and agent key: {@code eip155:31337}, {@code 31337} and {@code 31337 } all give 31337. */
    public static String chainKey(String chain) {
        String c = chain.strip().toLowerCase(Locale.ROOT);
        return c.startsWith(CAIP2_EVM) ? c.substring(CAIP2_EVM.length()) : c;
    }

    /** The node's agent key for ERC-8004 agent {@code agentId} registered on {@code chain}: {@code "<chainId>:<id>"}. */
    public static String agentKey(String chain, BigInteger agentId) {
        return chainKey(chain) + ":" + agentId;
    }

    public static String agentKey(long chainId, BigInteger agentId) {
        return chainId + ":" + agentId;
    }

    /** Where an attested contribution counts. */
    public static Domain domainOf(ContributionRecord record) {
        return new Domain(chainKey(record.chain()), DEFAULT_AREA);
    }

    /** Where chain feedback counts; the tags are kept in the store but do not choose the domain (see DEFAULT_AREA). */
    public static Domain feedbackDomain(long chainId, String tag1, String tag2) {
        return new Domain(Long.toString(chainId), DEFAULT_AREA);
    }

    /** Parses {@code chain/area} (the form {@link Domain#toString()} writes); a bare chain means the default area. */
    public static Domain parseDomain(String text) {
        if (text == null || text.isBlank()) {
            throw new io.chaoschain.core.UserFacingException(
                    "error: domain must be CHAIN/AREA, e.g. 31337/" + DEFAULT_AREA);
        }
        int slash = text.indexOf('/');
        String chain = slash < 0 ? text : text.substring(0, slash);
        String area = slash < 0 ? DEFAULT_AREA : text.substring(slash + 1);
        if (chain.isBlank() || area.isBlank() || area.contains("/")) {
            throw new io.chaoschain.core.UserFacingException(
                    "error: domain must be CHAIN/AREA, e.g. 31337/" + DEFAULT_AREA + ", got '" + text + "'");
        }
        return new Domain(chainKey(chain), area.strip().toLowerCase(Locale.ROOT));
    }
}
