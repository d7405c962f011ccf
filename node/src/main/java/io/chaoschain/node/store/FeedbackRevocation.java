package io.chaoschain.node.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An ERC-8004 {@code FeedbackRevoked} event: the feedback {@code (chainId, agentId, client, feedbackIndex)} no longer
 * counts. Unique per (chain, tx hash, log index); it may arrive before the feedback it revokes.
 */
public record FeedbackRevocation(
    long chainId, String txHash, int logIndex, String agentId, String client, long feedbackIndex, Instant revokedAt) {

  public FeedbackRevocation {
    txHash = Sql.hash32(Objects.requireNonNull(txHash, "txHash"), "txHash");
    if (logIndex < 0) {
      throw new IllegalArgumentException("logIndex must not be negative, got " + logIndex);
    }
    Sql.requireText(agentId, "agentId", 128);
    client = Sql.requireText(client, "client", 42).toLowerCase(Locale.ROOT);
    revokedAt = Sql.truncate(Objects.requireNonNull(revokedAt, "revokedAt"));
  }
}
