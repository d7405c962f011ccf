package io.chaoschain.reputation.service;

import io.chaoschain.core.Fields;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An ERC-8004 ReputationRegistry {@code NewFeedback} event: {@code client} gave agent {@code agentId} feedback
 * {@code value / 10^valueDecimals} with two tags, as that client's feedback number {@code feedbackIndex} for that
 * agent. Decoded once from its chain log and passed as it is through the {@link ReputationSink} and the
 * {@link ReputationService} to the {@link ReputationRepository}; unique per (chain, tx hash, log index).
 *
 * @param chainId the chain the registry is on
 * @param agentId the reviewed agent's ERC-8004 id on that chain
 * @param client the reviewer's address (kept lower case)
 * @param feedbackIndex the registry's per-client index, which {@link FeedbackRevoked} refers to
 * @param tag1 free text chosen by the reviewer ({@code ""} when none)
 * @param feedbackHash the hash the reviewer anchored (for the node's outcome reviews: the outcome attestation's UID)
 * @param blockTime the timestamp of the block holding the log, to the microsecond (what the store keeps)
 */
public record NewFeedback(
        long chainId,
        String txHash,
        int logIndex,
        BigInteger agentId,
        String client,
        long feedbackIndex,
        BigInteger value,
        int valueDecimals,
        String tag1,
        String tag2,
        String feedbackHash,
        Instant blockTime) {

    public NewFeedback {
        txHash = Fields.hash32(Objects.requireNonNull(txHash, "txHash"), "txHash");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex must not be negative, got " + logIndex);
        }
        Objects.requireNonNull(agentId, "agentId");
        client = Fields.requireText(client, "client", 42).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(value, "value");
        if (valueDecimals < 0 || valueDecimals > 18) {
            throw new IllegalArgumentException("valueDecimals must be within 0..18, got " + valueDecimals);
        }
        tag1 = tag1 == null ? "" : tag1;
        tag2 = tag2 == null ? "" : tag2;
        feedbackHash = Fields.hash32(Objects.requireNonNull(feedbackHash, "feedbackHash"), "feedbackHash");
        blockTime = Fields.micros(Objects.requireNonNull(blockTime, "blockTime"));
    }

    /** The node's key of the reviewed agent, {@code chainId:agentId}. */
    public String agentKey() {
        return ReputationMapping.agentKey(chainId, agentId);
    }
}
