package io.chaoschain.reputation.service;

import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reputation side of a running node as the lifecycle and the feedback monitor feed it: signed attestations go to
 * the attestation archive (by the {@link ContributionRecorder}) and into the {@link ReputationService}; the
 * reputation registry's feedback events go into the service too, and the anchored hashes they carry are remembered so
 * that the lifecycle knows when an outcome review has come back from the chain.
 */
public final class NodeReputation implements ReputationSink {
    private final AttestationArchive archive;
    private final ReputationService service;
    private final ChainTime time;
    private final Set<String> anchoredHashes = ConcurrentHashMap.newKeySet();

    /** @param time the clock {@code service} scores by, advanced by the block times the node reads */
    public NodeReputation(AttestationArchive archive, ReputationService service, ChainTime time) {
        this.archive = archive;
        this.service = service;
        this.time = time;
    }

    public ChainTime time() {
        return time;
    }

    public AttestationArchive archive() {
        return archive;
    }

    public ReputationService service() {
        return service;
    }

    @Override
    public void record(OffchainAttestation attestation) {
        service.record(attestation);
    }

    @Override
    public void recordFeedback(NewFeedback feedback) {
        service.recordFeedback(feedback);
        anchoredHashes.add(feedback.feedbackHash());
    }

    @Override
    public void recordRevocation(FeedbackRevoked revocation) {
        service.recordRevocation(revocation);
    }

    /** Whether feedback anchoring {@code feedbackHash} has been read back from the chain since the node started. */
    public boolean feedbackSeen(String feedbackHash) {
        return anchoredHashes.contains(feedbackHash.toLowerCase(Locale.ROOT));
    }
}
