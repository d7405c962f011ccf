package io.chaoschain.storage;

import io.chaoschain.agent.insight.RelevanceDecision;
import io.chaoschain.agent.insight.SharedInsight;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cross-chain insights this node published or received, its agents' relevance decisions, and acknowledged adoptions. */
public interface InsightStore {
    /** Whether the insight was published here or came from a peer. */
    enum Direction {
        PUBLISHED,
        RECEIVED
    }

    /**
     * @param via {@code local}, {@code gossip} or {@code query}
     * @param peer the peer it came from (null when published here)
     * @param envelopeHex the signed envelope as sent on the wire, hex
     */
    record StoredInsight(
            SharedInsight insight,
            Direction direction,
            String via,
            String peer,
            String envelopeHex,
            Instant recordedAt) {}

    record StoredRelevance(
            long id,
            String insightId,
            String agentId,
            double structuralScore,
            double semanticScore,
            double score,
            double threshold,
            boolean relevant,
            List<String> reasons,
            Long adoptedProposalId,
            Instant decidedAt) {}

    /** An agent on another chain acknowledged using one of this node's insights for its own proposal. */
    record StoredContribution(
            long id,
            String insightId,
            String adopterAgent,
            long adopterChainId,
            String adopterProposal,
            String simulationReportHash,
            String adoptedValue,
            String peer,
            String reason,
            Instant recordedAt) {}

    /** Stores the insight unless one with its id is already stored; true when it was new. */
    boolean save(SharedInsight insight, Direction direction, String via, String peer, String envelopeHex);

    Optional<StoredInsight> find(String insightId);

    List<StoredInsight> all();

    List<StoredInsight> byDirection(Direction direction);

    StoredRelevance recordDecision(String agentId, RelevanceDecision decision);

    void markAdopted(long decisionId, long proposalId);

    List<StoredRelevance> decisions();

    /** Records an adoption; false when the same adoption was already recorded (acks may arrive twice). */
    boolean recordContribution(
            String insightId,
            String adopterAgent,
            long adopterChainId,
            String adopterProposal,
            String simulationReportHash,
            String adoptedValue,
            String peer,
            String reason);

    List<StoredContribution> contributions();
}
