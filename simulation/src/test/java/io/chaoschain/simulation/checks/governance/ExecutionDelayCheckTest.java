package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionDelayCheckTest {
    private static final String TARGET = "0x3000000000000000000000000000000000000003";

    private CheckResult evaluate(FakeChain chain) {
        return new ExecutionDelayCheck()
                .evaluate(
                        chain.evidence(
                                "Set x (setX)",
                                List.of(FakeChain.action(0, TARGET, "setX(uint256)", List.of(), BigInteger.ONE)),
                                List.of(),
                                Map.of()),
                        CheckSettings.defaults());
    }

    @Test
    void shouldFailWhenTheTimelockHasNoDelay() {
        CheckResult r = evaluate(new FakeChain().answers(EXECUTOR, Evm.encode("getMinDelay()"), BigInteger.ZERO));

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("waits 0 s");
    }

    @Test
    void shouldFailWhenTheExecutorHasNoTimelockAtAll() {
        CheckResult r = evaluate(new FakeChain().contract(EXECUTOR));

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("has no timelock delay");
    }

    @Test
    void shouldWarnBelowADayAndPassAboveIt() {
        assertThat(evaluate(new FakeChain().answers(EXECUTOR, Evm.encode("getMinDelay()"), BigInteger.valueOf(7_200)))
                        .status())
                .isEqualTo(CheckResult.Status.WARN);
        assertThat(evaluate(new FakeChain().answers(EXECUTOR, Evm.encode("getMinDelay()"), BigInteger.valueOf(172_800)))
                        .status())
                .isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldReadACompoundTimelockDelay() {
        CheckResult r = evaluate(new FakeChain().answers(EXECUTOR, Evm.encode("delay()"), BigInteger.valueOf(172_800)));

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldOnlyWarnForADraftRunAsAPlainAccountWithoutAGovernor() {
        FakeChain chain = new FakeChain();
        io.chaoschain.simulation.evidence.ActionExecution action =
                FakeChain.action(0, TARGET, "setX(uint256)", List.of(), BigInteger.ONE);
        io.chaoschain.simulation.evidence.ProposalUnderTest draft =
                io.chaoschain.simulation.evidence.ProposalUnderTest.draft(
                        31337, null, EXECUTOR, "Set x (setX)", List.of(action.action()));
        CheckResult r = new ExecutionDelayCheck()
                .evaluate(
                        new io.chaoschain.simulation.evidence.SimulationEvidence(
                                0,
                                draft,
                                List.of(action),
                                Map.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                Map.of(),
                                BigInteger.ZERO,
                                chain,
                                chain),
                        CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(r.summary()).contains("externally owned account");
    }
}
