package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulatedProposal;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulateExitCodeTest {
    private static final String EXECUTOR = "0x1000000000000000000000000000000000000001";

    private static SafetyReport report(CheckResult... results) {
        ProposalUnderTest p = ProposalUnderTest.draft(
                31337, null, EXECUTOR, "", List.of(new ProposalAction(EXECUTOR, BigInteger.ZERO, "0x", "")));
        SimulationEvidence e = new SimulationEvidence(
                0, p, List.of(), Map.of(), List.of(), List.of(), List.of(), Map.of(), BigInteger.ZERO, null, null);
        return new SafetyReport(31337, 1, List.of(new SimulatedProposal(e, List.of(results))), Map.of(), "{}", "0x00");
    }

    @Test
    void shouldExitThreeWhenACheckCouldNotRunAndNoneFailed() {
        SafetyReport r = report(
                CheckResult.pass("C1", "ok", List.of()),
                CheckResult.warn("C3", "short delay", List.of()),
                CheckResult.error("C11", "the node refused eth_getLogs", List.of()));

        assertThat(SimulateCommand.exitCode(r)).isEqualTo(3);
        assertThat(r.risk()).isEqualTo("unknown");
    }

    @Test
    void shouldExitOneWhenACheckFailedEvenIfAnotherErrored() {
        SafetyReport r = report(
                CheckResult.error("C11", "the node refused eth_getLogs", List.of()),
                CheckResult.fail("C7", "treasury drained", List.of()));

        assertThat(SimulateCommand.exitCode(r)).isEqualTo(1);
        assertThat(r.risk()).isEqualTo("high");
    }

    @Test
    void shouldExitZeroWhenEveryCheckRanAndNoneFailed() {
        SafetyReport r = report(CheckResult.pass("C1", "ok", List.of()), CheckResult.warn("C3", "short", List.of()));

        assertThat(SimulateCommand.exitCode(r)).isZero();
        assertThat(r.risk()).isEqualTo("medium");
    }
}
