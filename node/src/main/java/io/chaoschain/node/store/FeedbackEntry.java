package io.chaoschain.node.store;

import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An ERC-8004 {@code NewFeedback} event as the reputation repository keeps it; unique per (chain, tx hash, log index).
 *
 * @param agentId the node's agent key of the reviewed agent
 * @param client the reviewer's address (stored lower case)
 * @param feedbackIndex the registry's per-client index, which {@code FeedbackRevoked} refers to
 * @param domain where it counts (derived from the tags by the reputation service)
 * @param givenAt the block time of the event
 */
public record FeedbackEntry(
    long chainId,
    String txHash,
    int logIndex,
    String agentId,
    String client,
    long feedbackIndex,
    BigInteger value,
    int valueDecimals,
    String tag1,
    String tag2,
    Domain domain,
    Instant givenAt) {

  public FeedbackEntry {
    txHash = Sql.hash32(Objects.requireNonNull(txHash, "txHash"), "txHash");
    if (logIndex < 0) {
      throw new IllegalArgumentException("logIndex must not be negative, got " + logIndex);
    }
    Sql.requireText(agentId, "agentId", 128);
    client = Sql.requireText(client, "client", 42).toLowerCase(Locale.ROOT);
    Objects.requireNonNull(value, "value");
    if (valueDecimals < 0 || valueDecimals > 18) {
      throw new IllegalArgumentException("valueDecimals must be within 0..18, got " + valueDecimals);
    }
    tag1 = tag1 == null ? "" : tag1;
    tag2 = tag2 == null ? "" : tag2;
    Objects.requireNonNull(domain, "domain");
    givenAt = Sql.truncate(Objects.requireNonNull(givenAt, "givenAt"));
  }
}
