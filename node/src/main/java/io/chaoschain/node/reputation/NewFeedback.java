package io.chaoschain.node.reputation;

import java.math.BigInteger;
import java.time.Instant;

/**
 * An ERC-8004 ReputationRegistry {@code NewFeedback} log: {@code client} gave agent {@code agentId} feedback
 * {@code value / 10^valueDecimals} with tags, as feedback number {@code feedbackIndex} of that client for that agent.
 *
 * @param chainId the chain the registry is on
 * @param blockTime the timestamp of the block holding the log
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
    Instant blockTime) {}
