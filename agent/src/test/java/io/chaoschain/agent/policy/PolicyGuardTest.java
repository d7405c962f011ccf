package io.chaoschain.agent.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyGuardTest {
    static final String MARKET = "0x00000000000000000000000000000000000000aa";
    static final String OTHER = "0x00000000000000000000000000000000000000cc";
    static final RateModel CURRENT =
            new RateModel(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(4), null);
    final PolicyGuard guard =
            new PolicyGuard(new AgentPolicy(Map.of(MARKET, Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));

    static ProposalDraft draft(String target, RateModel set, BigInteger statedNew) {
        ProposalAction action = RateModelCalls.setRateModel(target, set);
        return new ProposalDraft(
                "t",
                "d",
                List.of(action),
                new ParameterChange(target, "jumpMultiplierPerYear", CURRENT.jumpMultiplierPerYear(), statedNew));
    }

    static SimulationReport report(ProposalDraft draft, boolean success) {
        ProposalAction a = draft.actions().getFirst();
        return new SimulationReport(
                1,
                1,
                List.of(new SimulationReport.ActionOutcome(a.target(), a.selector(), success, "", 1, "0x")),
                new SimulationReport.ReplayOutcome(0, 0, Map.of()),
                new SimulationReport.ReplayOutcome(0, 0, Map.of()),
                Map.of(),
                Map.of(),
                List.of(),
                "0xabc");
    }

    static RateModel withJump(long jump) {
        return new RateModel(
                CURRENT.baseRatePerYear(), CURRENT.multiplierPerYear(), BigInteger.valueOf(jump), CURRENT.kink(), null);
    }

    @Test
    void shouldAcceptAnAllowedCallMatchingItsStatedChangeWithAPassingSimulation() {
        ProposalDraft d = draft(MARKET, withJump(9), BigInteger.valueOf(9));
        assertThatCode(() -> guard.check(d, report(d, true), true, CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectATargetOutsideThePolicy() {
        ProposalDraft d = draft(OTHER, withJump(9), BigInteger.valueOf(9));
        assertThatThrownBy(() -> guard.check(d, report(d, true), true, CURRENT))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("not in the agent's policy");
    }

    @Test
    void shouldRejectCalldataThatDiffersFromTheStatedValue() {
        ProposalDraft d = draft(MARKET, withJump(9), BigInteger.valueOf(10));
        assertThatThrownBy(() -> guard.check(d, report(d, true), true, CURRENT))
                .hasMessageContaining("description states 10");
    }

    @Test
    void shouldRejectCalldataThatAlsoChangesAnUnstatedParameter() {
        RateModel sneaky =
                new RateModel(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(9), BigInteger.valueOf(5), null);
        ProposalDraft d = draft(MARKET, sneaky, BigInteger.valueOf(9));
        assertThatThrownBy(() -> guard.check(d, report(d, true), true, CURRENT)).hasMessageContaining("does not state");
    }

    @Test
    void shouldRefuseWithoutAPassingSimulation() {
        ProposalDraft d = draft(MARKET, withJump(9), BigInteger.valueOf(9));
        assertThatThrownBy(() -> guard.check(d, null, true, CURRENT)).hasMessageContaining("no simulation report");
        assertThatThrownBy(() -> guard.check(d, report(d, true), false, CURRENT))
                .hasMessageContaining("did not pass");
        assertThatThrownBy(() -> guard.check(d, report(d, false), true, CURRENT))
                .hasMessageContaining("did not pass");
    }

    @Test
    void shouldRefuseWhenASafetyCheckFailedOnTheFork() {
        ProposalDraft d = draft(MARKET, withJump(9), BigInteger.valueOf(9));
        SimulationReport passing = report(d, true);
        SimulationReport.Safety unsafe = new SimulationReport.Safety(
                "high",
                "0xdef",
                List.of(
                        new SimulationReport.Check("execution", "pass", "all actions executed"),
                        new SimulationReport.Check("C6", "fail", "owner moved to 0xbad")));
        SimulationReport flagged = new SimulationReport(
                passing.forkBlock(),
                passing.chainId(),
                passing.actions(),
                passing.baseline(),
                passing.withProposal(),
                passing.metricsBefore(),
                passing.metricsAfter(),
                passing.stateChanges(),
                unsafe,
                "0xabc");
        assertThatThrownBy(() -> guard.check(d, flagged, true, CURRENT))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("C6 (owner moved to 0xbad)")
                .hasMessageNotContaining("execution");
        SimulationReport.Safety medium = new SimulationReport.Safety(
                "medium", "0xdef", List.of(new SimulationReport.Check("C3", "warn", "short delay")));
        SimulationReport warned = new SimulationReport(
                passing.forkBlock(),
                passing.chainId(),
                passing.actions(),
                passing.baseline(),
                passing.withProposal(),
                passing.metricsBefore(),
                passing.metricsAfter(),
                passing.stateChanges(),
                medium,
                "0xabc");
        assertThatCode(() -> guard.check(d, warned, true, CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseWhenASafetyCheckCouldNotRun() {
        ProposalDraft d = draft(MARKET, withJump(9), BigInteger.valueOf(9));
        SimulationReport passing = report(d, true);
        SimulationReport unknown = withSafety(
                passing,
                new SimulationReport.Safety(
                        "unknown",
                        "0xdef",
                        List.of(
                                new SimulationReport.Check("C6", "pass", "owner unchanged"),
                                new SimulationReport.Check("C11", "error", "the node refused eth_getLogs"))));
        assertThatThrownBy(() -> guard.check(d, unknown, true, CURRENT))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("could not judge")
                .hasMessageContaining("C11 (the node refused eth_getLogs)")
                .hasMessageNotContaining("C6");
        // an error hidden under a lower risk label is still an error
        SimulationReport mislabelled = withSafety(
                passing,
                new SimulationReport.Safety(
                        "low", "0xdef", List.of(new SimulationReport.Check("C4", "error", "eth_getCode failed"))));
        assertThatThrownBy(() -> guard.check(d, mislabelled, true, CURRENT))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("C4 (eth_getCode failed)");
    }

    private static SimulationReport withSafety(SimulationReport r, SimulationReport.Safety safety) {
        return new SimulationReport(
                r.forkBlock(),
                r.chainId(),
                r.actions(),
                r.baseline(),
                r.withProposal(),
                r.metricsBefore(),
                r.metricsAfter(),
                r.stateChanges(),
                safety,
                "0xabc");
    }

    @Test
    void shouldRefuseCallsThatSendEther() {
        assertThatThrownBy(() -> guard.checkCall(MARKET, RateModelCalls.SET_RATE_MODEL_SELECTOR, BigInteger.ONE))
                .hasMessageContaining("wei");
    }
}
