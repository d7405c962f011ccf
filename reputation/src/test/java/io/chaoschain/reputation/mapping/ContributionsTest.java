package io.chaoschain.reputation.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContributionsTest {
    private static final String SUBJECT = "0x" + "ab".repeat(32);
    private static final String EVIDENCE = "0x" + "cd".repeat(32);

    private static ContributionRecord record(ContributionKind kind, long value) {
        return new ContributionRecord(
                BigInteger.valueOf(7), "eip155:31337", kind, SUBJECT, BigInteger.valueOf(value), 18, EVIDENCE);
    }

    @ParameterizedTest
    @EnumSource(value = ContributionKind.class, names = "VALIDATION_GIVEN", mode = EnumSource.Mode.EXCLUDE)
    void shouldMapEveryKindWithAnEffectToAScoringKind(ContributionKind kind) {
        assertThat(Contributions.scoringKind(record(kind, 80))).isPresent();
    }

    @Test
    void shouldTellImprovedFromWorsenedOutcomesBySign() {
        assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, 5)))
                .contains(io.chaoschain.reputation.scoring.ScoringKind.OUTCOME_IMPROVED);
        assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, -5)))
                .contains(io.chaoschain.reputation.scoring.ScoringKind.OUTCOME_WORSENED);
        assertThat(Contributions.scoringKind(record(ContributionKind.METRIC_OUTCOME, 0)))
                .isEmpty();
    }

    @Test
    void shouldScoreAValidationOnlyOnceItIsConfirmedOrContradicted() {
        assertThat(Contributions.scoringKind(record(ContributionKind.VALIDATION_GIVEN, 100)))
                .isEmpty();
        assertThat(Contributions.scoringKind(record(ContributionKind.VALIDATION_CONFIRMED, 90)))
                .contains(io.chaoschain.reputation.scoring.ScoringKind.VALIDATION_CONFIRMED);
        assertThat(Contributions.scoringKind(record(ContributionKind.VALIDATION_CONTRADICTED, 10)))
                .contains(io.chaoschain.reputation.scoring.ScoringKind.VALIDATION_CONTRADICTED);
    }
}
