package io.chaoschain.node.reputation;

import java.math.BigInteger;
import java.time.Instant;

/** An ERC-8004 ReputationRegistry {@code FeedbackRevoked} log: {@code client} withdrew feedback {@code feedbackIndex}. */
public record FeedbackRevoked(
    long chainId, String txHash, int logIndex, BigInteger agentId, String client, long feedbackIndex, Instant blockTime) {}
