package io.chaoschain.node.reputation;

import io.chaoschain.reputation.scoring.CredRankReputationEngine;
import io.chaoschain.reputation.scoring.ReputationEngine;
import io.chaoschain.reputation.scoring.ReputationScores;
import java.time.Instant;
import java.util.Locale;

/**
 * A node's reputation state: the attestation archive under the data directory, the ledger fed by the lifecycle and
 * the feedback monitor, and the engine that scores it.
 */
public final class NodeReputation {
  private final AttestationArchive archive;
  private final MemoryReputationLedger ledger;
  private final ReputationEngine engine;

  public NodeReputation(AttestationArchive archive, MemoryReputationLedger ledger, ReputationEngine engine) {
    this.archive = archive;
    this.ledger = ledger;
    this.engine = engine;
  }

  public NodeReputation(AttestationArchive archive, MemoryReputationLedger ledger) {
    this(archive, ledger, new CredRankReputationEngine());
  }

  public AttestationArchive archive() {
    return archive;
  }

  public MemoryReputationLedger ledger() {
    return ledger;
  }

  public ReputationEngine engine() {
    return engine;
  }

  /** Scores of everything in the ledger as of {@code asOf}. */
  public ReputationScores scores(Instant asOf) {
    return engine.score(ledger.log(), asOf);
  }

  /** Whether feedback anchoring {@code feedbackHash} has come back from the chain into the ledger. */
  public boolean feedbackSeen(String feedbackHash) {
    return ledger.feedback().stream().anyMatch(f -> f.feedbackHash().equalsIgnoreCase(feedbackHash.toLowerCase(Locale.ROOT)));
  }
}
