package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyInitializerCheckTest {
    private static final String PROXY = "0x8000000000000000000000000000000000000008";
    private static final String CURRENT = "0x9000000000000000000000000000000000000009";
    private static final String NEXT = "0xa00000000000000000000000000000000000000a";
    private static final String INIT = Evm.selector("initialize()");

    /** A proxy upgraded from CURRENT to NEXT, whose code dispatches {@code initialize()}. */
    private static CheckResult evaluate(FakeChain chain) {
        chain.code(NEXT, "0x63" + INIT.substring(2) + "14").contract(PROXY).contract(CURRENT);
        ProposalAction action = new ProposalAction(PROXY, BigInteger.ZERO, "0x3659cfe6", "");
        ProposalUnderTest p = ProposalUnderTest.draft(31337, null, EXECUTOR, "upgrade", List.of(action));
        Map<String, ProxyInfo> proxies =
                Map.of(PROXY, new ProxyInfo(PROXY, ProxyInfo.Kind.EIP1967, CURRENT, NEXT, null, null, null));
        return new ProxyInitializerCheck()
                .evaluate(
                        new SimulationEvidence(
                                0,
                                p,
                                List.of(),
                                Map.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                proxies,
                                BigInteger.ZERO,
                                chain,
                                chain),
                        CheckSettings.defaults());
    }

    @Test
    void shouldPassWhenEveryInitializerReverts() {
        assertThat(evaluate(new FakeChain()).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailWhenAnyoneCanStillInitializeTheProxy() {
        CheckResult r = evaluate(new FakeChain().answers(PROXY, INIT, BigInteger.ONE));

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains(PROXY + ".initialize() can still be called by anyone");
    }

    @Test
    void shouldWarnWhenTheNewImplementationLeavesItsOwnInitializersOpen() {
        CheckResult r = evaluate(new FakeChain().answers(NEXT, INIT, BigInteger.ONE));

        assertThat(r.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(r.summary()).contains("does not disable its own initializers");
    }
}
