package io.chaoschain.reputation.service;

import io.chaoschain.core.Fields;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An ERC-8004 ReputationRegistry {@code FeedbackRevoked} event: {@code client} withdrew its feedback number
 * {@code feedbackIndex} for agent {@code agentId}, which stops counting. Decoded once from its chain log and passed as
 * it is to the repository; unique per (chain, tx hash, log index), and it may arrive before the feedback it revokes.
 *
 * @param client the reviewer's address (kept lower case)
 * @param blockTime the timestamp of the block holding the log, to the microsecond
 */
public record FeedbackRevoked(
        long chainId,
        String txHash,
        int logIndex,
        BigInteger agentId,
        String client,
        long feedbackIndex,
        Instant blockTime) {

    public FeedbackRevoked {
        txHash = Fields.hash32(Objects.requireNonNull(txHash, "txHash"), "txHash");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex must not be negative, got " + logIndex);
        }
        Objects.requireNonNull(agentId, "agentId");
        client = Fields.requireText(client, "client", 42).toLowerCase(Locale.ROOT);
        blockTime = Fields.micros(Objects.requireNonNull(blockTime, "blockTime"));
    }

    /** The node's key of the agent whose feedback was revoked, {@code chainId:agentId}. */
    public String agentKey() {
        return ReputationMapping.agentKey(chainId, agentId);
    }
}
