package io.chaoschain.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import org.junit.jupiter.api.Test;

class SafetyReportRiskTest {
    @Test
    void shouldCallAnUnjudgedProposalUnknownAndNeverLow() {
        assertThat(SafetyReport.riskOf(CheckResult.Status.PASS)).isEqualTo("low");
        assertThat(SafetyReport.riskOf(CheckResult.Status.WARN)).isEqualTo("medium");
        assertThat(SafetyReport.riskOf(CheckResult.Status.ERROR)).isEqualTo("unknown");
        assertThat(SafetyReport.riskOf(CheckResult.Status.FAIL)).isEqualTo("high");
    }
}
