package io.chaoschain.reputation.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.scoring.ContributionEvent;
import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContributionsTest {
  private static final String SUBJECT = "0x" + "ab".repeat(32);
  private static final String EVIDENCE = "0x" + "cd".repeat(32);

  private static ContributionRecord record(ContributionKind kind, long value, int decimals) {
    return new ContributionRecord(BigInteger.valueOf(7), "eip155:31337", kind, SUBJECT, BigInteger.valueOf(value),
        decimals, EVIDENCE);
  }

  @ParameterizedTest
  @EnumSource(ContributionKind.class)
  void shouldMapEveryAttestedKindWithAnEffectToAScoringKind(ContributionKind kind) {
    assertThat(Contributions.scoringKind(record(kind, 80, 0))).isPresent();
  }

  @Test
  void shouldTellImprovedFromWorsenedOutcomesBySign() {
    assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, 5, 18)))
        .contains(io.chaoschain.reputation.scoring.ContributionKind.OUTCOME_IMPROVED);
    assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, -5, 18)))
        .contains(io.chaoschain.reputation.scoring.ContributionKind.OUTCOME_WORSENED);
    assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, 0, 18))).isEmpty();
  }

  @Test
  void shouldCountAValidationAsConfirmingFromHalfTheScaleOnRespectingDecimals() {
    assertThat(Contributions.scoringKind(record(ContributionKind.VALIDATION_GIVEN, 5000, 2)))
        .contains(io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONFIRMED);
    assertThat(Contributions.scoringKind(record(ContributionKind.VALIDATION_GIVEN, 4999, 2)))
        .contains(io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONTRADICTED);
  }

  @Test
  void shouldNameTheAgentByChainIdAndAgentIdAndScoreInTheRecordsChain() {
    Instant at = Instant.ofEpochSecond(1_700_000_000);
    ContributionEvent event = Contributions.event(record(ContributionKind.PROPOSAL_EXECUTED, 0, 0), "risk-parameters", at)
        .orElseThrow();
    assertThat(event.agentId()).isEqualTo("31337:7");
    assertThat(event.domain()).isEqualTo(Domain.of("eip155:31337", "risk-parameters"));
    assertThat(event.kind()).isEqualTo(io.chaoschain.reputation.scoring.ContributionKind.EXECUTED);
    assertThat(event.at()).isEqualTo(at);
  }
}
