package io.chaoschain.node.reputation;

import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.mapping.Contributions;
import io.chaoschain.reputation.scoring.ContributionEvent;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.FeedbackEvent;
import io.chaoschain.reputation.scoring.ReputationLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node's in-process reputation log: attestations by UID and chain feedback by (chain, tx, log index), turned into
 * the engine's {@link ReputationLog} in a canonical order (contributions by time then UID, feedback by time then tx
 * and log index), so the same inputs always give the same scores and the same explanations, term for term. It is
 * rebuilt at start from the attestation archive and the chain ({@link ReputationRebuild}); a persistent
 * repository replaces it where one is configured.
 */
public final class MemoryReputationLedger implements ReputationSink {
  private final String area;
  private final Map<String, OffchainAttestation> attestations = new TreeMap<>();
  private final Map<String, ChainFeedback> feedback = new TreeMap<>();
  private final Set<String> revoked = new HashSet<>();
  private final Map<String, String> reviewerAgents = new LinkedHashMap<>();

  /** @param area the governance area contributions count in (attestations of this node do not carry one) */
  public MemoryReputationLedger(String area) {
    this.area = area;
  }

  public String area() {
    return area;
  }

  @Override
  public synchronized void record(OffchainAttestation attestation) {
    attestations.putIfAbsent(attestation.uid().toLowerCase(Locale.ROOT), attestation);
  }

  @Override
  public synchronized void recordFeedback(ChainFeedback f) {
    feedback.putIfAbsent(f.chainId() + ":" + f.txHash().toLowerCase(Locale.ROOT) + ":" + f.logIndex(), f);
  }

  @Override
  public synchronized void recordRevocation(ChainRevocation r) {
    revoked.add(feedbackKey(r.chainId(), r.agentId().toString(), r.client(), r.feedbackIndex()));
  }

  /** Reviews from {@code address} are given by agent {@code agentKey} (its track record weights them). */
  public synchronized void linkReviewer(String address, String agentKey) {
    reviewerAgents.put(address.toLowerCase(Locale.ROOT), agentKey);
  }

  /** Forgets everything (before a rebuild). */
  public synchronized void clear() {
    attestations.clear();
    feedback.clear();
    revoked.clear();
  }

  public synchronized List<OffchainAttestation> attestations() {
    return List.copyOf(attestations.values());
  }

  public synchronized List<ChainFeedback> feedback() {
    return List.copyOf(feedback.values());
  }

  /** The engine's input, in canonical order. */
  public synchronized ReputationLog log() {
    List<ContributionEvent> contributions = new ArrayList<>();
    attestations.values().stream()
        .sorted(Comparator.comparingLong(OffchainAttestation::time).thenComparing(OffchainAttestation::uid))
        .forEach(a -> Contributions.event(ContributionRecord.decode(a.data()), area, Instant.ofEpochSecond(a.time()))
            .ifPresent(contributions::add));
    List<FeedbackEvent> reviews = new ArrayList<>();
    feedback.values().stream()
        .sorted(Comparator.comparing(ChainFeedback::givenAt).thenComparing(ChainFeedback::txHash)
            .thenComparingInt(ChainFeedback::logIndex))
        .forEach(f -> {
          String chain = Contributions.chain(f.chainId());
          String agentKey = Contributions.agentKey(chain, f.agentId());
          Domain domain = Contributions.domain(chain, f.tag1() == null || f.tag1().isBlank() ? area : f.tag1());
          boolean isRevoked = revoked.contains(feedbackKey(f.chainId(), f.agentId().toString(), f.client(),
              f.feedbackIndex()));
          reviews.add(new FeedbackEvent(f.client(), agentKey, domain, f.value(), f.valueDecimals(), f.givenAt(),
              isRevoked));
        });
    return new ReputationLog(contributions, reviews, reviewerAgents);
  }

  private static String feedbackKey(long chainId, String agentId, String client, long index) {
    return chainId + ":" + agentId + ":" + client.toLowerCase(Locale.ROOT) + ":" + index;
  }
}
