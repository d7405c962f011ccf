package io.chaoschain.reputation.service;

import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.RankedAgent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The reputation log (signed attestations, chain feedback and revocations, reviewer identities) and the scores computed
 * from it. Appends are idempotent: an event already stored (same attestation UID, same chain log) is a no-op that
 * returns false. Implementations work on the embedded H2 database and on PostgreSQL alike.
 */
public interface ReputationRepository {

    /** Stores a verified attestation; false when its UID is already stored. */
    boolean appendAttestation(AttestationEntry entry);

    /**
     * Stores a {@code NewFeedback} event counting in {@code domain} (the service decides where feedback counts); false
     * when that (chain, tx, log index) is already stored.
     */
    boolean appendFeedback(NewFeedback feedback, Domain domain);

    /** Stores a {@code FeedbackRevoked} event; false when that (chain, tx, log index) is already stored. */
    boolean appendRevocation(FeedbackRevoked revocation);

    /** Records that reviews from {@code address} are given by {@code agentId} (replacing an earlier link). */
    void linkReviewer(String address, String agentId);

    /** Reviewer address (lower case) to agent id. */
    Map<String, String> reviewerAgents();

    Optional<AttestationEntry> attestation(String uid);

    /** The agent's attestations, newest first, at most {@code limit}. */
    List<AttestationEntry> attestationsOf(String agentId, int limit);

    /** How many attestations are stored for the agent. */
    long attestationCount(String agentId);

    /** Every stored attestation in storage order, streamed (the log can hold millions). */
    void forEachContribution(Consumer<ContributionFact> sink);

    /** Every stored feedback event in storage order, marked revoked when a matching revocation is stored. */
    void forEachFeedback(Consumer<FeedbackEvent> sink);

    ReputationCounts counts();

    /**
     * The time of the newest stored event (attestation or feedback), empty when none is stored. Events carry chain
     * time, which on a devnet can run ahead of the wall clock; a reader scores at the later of the two.
     */
    Optional<Instant> latestEventTime();

    /**
     * Replaces the current scores with {@code scores} and appends {@code snapshot} to the history, atomically.
     *
     * @param generation number of this computation; increases with every save
     */
    void saveScores(long generation, Instant computedAt, Collection<ScoreRow> scores, Collection<ScoreRow> snapshot);

    /** Generation of the current scores, empty when none were ever saved. */
    OptionalLong scoresGeneration();

    /** The best {@code limit} agents in {@code domain} by current score, ties by agent id. */
    List<RankedAgent> leaderboard(Domain domain, int limit);

    /** The best {@code limit} agents by the sum of their current scores over all domains, ties by agent id. */
    List<RankedAgent> overallLeaderboard(int limit);

    /** The agent's current scores, by domain. */
    List<ScoreRow> scoresOf(String agentId);

    /** The agent's score history, oldest first, in one domain or (null) all; the most recent {@code limit} entries. */
    List<ScoreSnapshot> history(String agentId, Domain domain, int limit);
}
