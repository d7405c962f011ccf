package io.chaoschain.node.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.node.reputation.ReputationSink.ChainFeedback;
import io.chaoschain.node.reputation.ReputationSink.ChainRevocation;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.scoring.CredRankReputationEngine;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.ScoreTerm;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReputationLedgerTest {
  private static final Domain DOMAIN = Domain.of("eip155:31337", "risk-parameters");
  private static final String REVIEWER = "0x00000000000000000000000000000000000000cc";

  private final AttestationSigner signer = new AttestationSigner(
      EasDomain.of("1.3.0", 31337, "0x00000000000000000000000000000000000000b6"), AnvilAccounts.credentials(2));

  private OffchainAttestation attestation(ContributionKind kind, long value, long time) {
    var record = new ContributionRecord(BigInteger.ONE, "eip155:31337", kind, "0x" + "0a".repeat(32),
        BigInteger.valueOf(value), 18, "0x" + "0b".repeat(32));
    return signer.sign(record.toRequest(ContributionRecorder.SCHEMA, signer.signer(), time)
        .withSalt(ContributionRecorder.salt(record, signer.signer(), time)));
  }

  private static ChainFeedback feedback(int logIndex, long index, long value, long time) {
    return new ChainFeedback(31337, "0x" + "f".repeat(63) + logIndex, logIndex, BigInteger.ONE, REVIEWER, index,
        BigInteger.valueOf(value), 2, "risk-parameters", "metric.outcome", "0x" + "0c".repeat(32),
        Instant.ofEpochSecond(time));
  }

  @Test
  void shouldBuildTheSameLogWhateverOrderTheInputsArriveIn() {
    List<Object> inputs = new ArrayList<>(List.of(attestation(ContributionKind.PROPOSAL_SUBMITTED, 0, 100),
        attestation(ContributionKind.PROPOSAL_EXECUTED, 0, 200), attestation(ContributionKind.METRIC_OUTCOME, 7, 300),
        feedback(0, 1, 6000, 310), feedback(1, 2, 4000, 320)));
    var first = feed(inputs);
    Collections.reverse(inputs);
    var second = feed(inputs);

    assertThat(second.log()).isEqualTo(first.log());
    assertThat(first.log().contributions()).extracting(e -> e.kind().name())
        .containsExactly("SUBMITTED", "EXECUTED", "OUTCOME_IMPROVED");
  }

  @Test
  void shouldCountAnAttestationOrAChainEventOnlyOnce() {
    var a = attestation(ContributionKind.PROPOSAL_EXECUTED, 0, 200);
    var ledger = feed(List.of(a, a, feedback(0, 1, 6000, 310), feedback(0, 1, 6000, 310)));

    assertThat(ledger.log().contributions()).hasSize(1);
    assertThat(ledger.log().feedback()).hasSize(1);
  }

  @Test
  void shouldStopCountingRevokedFeedbackEvenWhenTheRevocationArrivesFirst() {
    var ledger = new MemoryReputationLedger("risk-parameters");
    ledger.recordRevocation(new ChainRevocation(31337, "0x" + "e".repeat(64), 0, BigInteger.ONE, REVIEWER.toUpperCase()
        .replace("0X", "0x"), 1, Instant.ofEpochSecond(400)));
    ledger.recordFeedback(feedback(0, 1, 9000, 310));
    ledger.recordFeedback(feedback(1, 2, 9000, 320));

    var log = ledger.log();
    assertThat(log.feedback()).extracting(f -> f.revoked()).containsExactly(true, false);
    var scores = new CredRankReputationEngine().score(log, Instant.ofEpochSecond(500));
    assertThat(scores.explain("31337:1", DOMAIN).terms()).filteredOn(t -> t instanceof ScoreTerm.Feedback).hasSize(1);
  }

  @Test
  void shouldPutFeedbackInTheDomainItsFirstTagNames() {
    var ledger = new MemoryReputationLedger("risk-parameters");
    ledger.recordFeedback(new ChainFeedback(31337, "0x" + "1".repeat(64), 0, BigInteger.TWO, REVIEWER, 1,
        BigInteger.valueOf(80), 0, "treasury", "", "0x" + "0".repeat(64), Instant.ofEpochSecond(10)));
    ledger.recordFeedback(new ChainFeedback(31337, "0x" + "2".repeat(64), 0, BigInteger.TWO, REVIEWER, 2,
        BigInteger.valueOf(80), 0, "", "", "0x" + "0".repeat(64), Instant.ofEpochSecond(11)));

    assertThat(ledger.log().feedback()).extracting(f -> f.domain().area()).containsExactly("treasury", "risk-parameters");
    assertThat(ledger.log().feedback()).extracting(f -> f.agentId()).containsOnly("31337:2");
  }

  private MemoryReputationLedger feed(List<?> inputs) {
    var ledger = new MemoryReputationLedger("risk-parameters");
    for (Object o : inputs) {
      switch (o) {
        case OffchainAttestation a -> ledger.record(a);
        case ChainFeedback f -> ledger.recordFeedback(f);
        default -> throw new IllegalArgumentException(String.valueOf(o));
      }
    }
    return ledger;
  }
}
