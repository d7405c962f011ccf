package io.chaoschain.node.reputation;

import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Where the node's reputation inputs go: signed contribution attestations and the ERC-8004 feedback events read from
 * chain. Every call is idempotent (an attestation by its UID, a chain event by chain, transaction and log index), so
 * replays after a restart or a rebuild never count anything twice.
 */
public interface ReputationSink {

  /** Stores a signed, verified attestation; a UID already stored is ignored. */
  void record(OffchainAttestation attestation);

  /** Stores a {@code NewFeedback} event. */
  void recordFeedback(ChainFeedback feedback);

  /** Stores a {@code FeedbackRevoked} event; the feedback it names stops counting (also if it arrives later). */
  void recordRevocation(ChainRevocation revocation);

  /**
   * An ERC-8004 {@code NewFeedback} event.
   *
   * @param agentId the reviewed agent's ERC-8004 id on {@code chainId}
   * @param client the reviewer (lower case)
   * @param feedbackHash the hash the reviewer anchored (the attestation UID for outcome reviews)
   * @param givenAt the block timestamp
   */
  record ChainFeedback(long chainId, String txHash, int logIndex, BigInteger agentId, String client, long feedbackIndex,
      BigInteger value, int valueDecimals, String tag1, String tag2, String feedbackHash, Instant givenAt) {}

  /** An ERC-8004 {@code FeedbackRevoked} event. */
  record ChainRevocation(long chainId, String txHash, int logIndex, BigInteger agentId, String client,
      long feedbackIndex, Instant revokedAt) {}
}
