package io.chaoschain.node.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationReport.ActionOutcome;
import io.chaoschain.core.simulation.SimulationReport.ReplayOutcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReputationValuesTest {

    private static SimulationReport report(String before, String after, boolean actionOk) {
        return new SimulationReport(
                10,
                31337,
                List.of(new ActionOutcome("0xa", "0x12345678", actionOk, null, 1, "0x1")),
                new ReplayOutcome(1, 0, Map.of()),
                new ReplayOutcome(1, 0, Map.of()),
                Map.of("utilization", new BigDecimal(before)),
                Map.of("utilization", new BigDecimal(after)),
                List.of(),
                "0x" + "0".repeat(64));
    }

    @Test
    void shouldScoreAValidationFromTheSimulatedImprovement() {
        assertThat(ValidationScore.of(report("0.95", "0.87", true), true)).isEqualTo(90);
        assertThat(ValidationScore.of(report("0.95", "0.95", true), true)).isEqualTo(50);
        assertThat(ValidationScore.of(report("0.80", "0.95", true), true)).isZero();
        assertThat(ValidationScore.of(report("0.95", "0.50", true), true)).isEqualTo(100);
    }

    @Test
    void shouldScoreZeroForAFailedCandidateOrARevertedAction() {
        assertThat(ValidationScore.of(report("0.95", "0.87", true), false)).isZero();
        assertThat(ValidationScore.of(report("0.95", "0.87", false), true)).isZero();
    }

    @Test
    void shouldReviewOutcomesOnAHundredPointScaleAroundFifty() {
        assertThat(ReputationFlow.feedbackValue(new BigDecimal("0.0731"))).isEqualTo(BigInteger.valueOf(5731));
        assertThat(ReputationFlow.feedbackValue(new BigDecimal("-0.02"))).isEqualTo(BigInteger.valueOf(4800));
        assertThat(ReputationFlow.feedbackValue(new BigDecimal("0.9"))).isEqualTo(BigInteger.valueOf(10000));
        assertThat(ReputationFlow.feedbackValue(new BigDecimal("-0.9"))).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void shouldDeriveOneValidationRequestPerProposalAndReport() {
        String a = ReputationFlow.validationRequestHash(BigInteger.ONE, "0x" + "1".repeat(64));
        assertThat(ReputationFlow.validationRequestHash(BigInteger.ONE, "0x" + "1".repeat(64)))
                .isEqualTo(a);
        assertThat(ReputationFlow.validationRequestHash(BigInteger.TWO, "0x" + "1".repeat(64)))
                .isNotEqualTo(a);
        assertThat(ReputationFlow.validationRequestHash(BigInteger.ONE, "0x" + "2".repeat(64)))
                .isNotEqualTo(a);
    }
}
