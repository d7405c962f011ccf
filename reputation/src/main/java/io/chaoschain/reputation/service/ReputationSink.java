package io.chaoschain.reputation.service;

import io.chaoschain.reputation.attestation.OffchainAttestation;

/**
 * Where the node's reputation inputs go: signed contribution attestations and the ERC-8004 feedback events read from
 * chain. Every call is idempotent (an attestation by its UID, a chain event by chain, transaction and log index), so
 * replays after a restart or a rebuild never count anything twice.
 */
public interface ReputationSink {

    /** Stores a signed, verified attestation; a UID already stored is ignored. */
    void record(OffchainAttestation attestation);

    /** Stores a {@code NewFeedback} event. */
    void recordFeedback(NewFeedback feedback);

    /** Stores a {@code FeedbackRevoked} event; the feedback it names stops counting (also if it arrives later). */
    void recordRevocation(FeedbackRevoked revocation);
}
