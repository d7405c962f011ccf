package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnallowlistedDelegatecallCheckTest {
    private static final String PROXY = "0x8000000000000000000000000000000000000008";
    private static final String CURRENT = "0x9000000000000000000000000000000000000009";
    private static final String NEXT = "0xa00000000000000000000000000000000000000a";

    /** The executor calls the proxy, which forwards to its implementation, which delegatecalls {@code into}. */
    private static CheckResult evaluate(String into, CheckSettings settings) {
        return evaluate(new FakeChain(), into, settings);
    }

    private static CheckResult evaluate(FakeChain chain, String into, CheckSettings settings) {
        chain.contract(PROXY).contract(CURRENT);
        if (chain.code(NEXT, FakeChain.POST).equals("0x")) {
            chain.contract(NEXT);
        }
        CallFrame init = frame("DELEGATECALL", PROXY, into, List.of(), 2);
        CallFrame forward = frame("DELEGATECALL", PROXY, CURRENT, List.of(init), 1);
        CallFrame top = frame("CALL", EXECUTOR, PROXY, List.of(forward), 0);
        ProposalAction action = new ProposalAction(PROXY, BigInteger.ZERO, "0x4f1ef286", "");
        ActionExecution exec = new ActionExecution(
                0, action, null, true, true, null, 50_000, "0x" + "cd".repeat(32), FakeChain.POST, top);
        ProposalUnderTest p = ProposalUnderTest.draft(31337, null, EXECUTOR, "upgrade", List.of(action));
        Map<String, ProxyInfo> proxies =
                Map.of(PROXY, new ProxyInfo(PROXY, ProxyInfo.Kind.EIP1967, CURRENT, into, null, null, null));
        return new UnallowlistedDelegatecallCheck()
                .evaluate(
                        new SimulationEvidence(
                                0,
                                p,
                                List.of(exec),
                                Map.of(),
                                List.of(),
                                List.of(),
                                List.of(),
                                proxies,
                                BigInteger.ZERO,
                                chain,
                                chain),
                        settings);
    }

    private static CallFrame frame(String type, String from, String to, List<CallFrame> calls, int depth) {
        return new CallFrame(type, from, to, "0x4f1ef286", "0x", BigInteger.ZERO, 1_000, null, calls, depth);
    }

    @Test
    void shouldJudgeAnUpgradeOnItsPropertiesWhenNoAllowlistIsConfigured() {
        CheckResult r = evaluate(NEXT, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(r.evidence()).anySatisfy(line -> assertThat(line).contains("no allowlist configured"));
    }

    @Test
    void shouldOnlyWarnWhenAnAllowlistIsConfiguredAndTheNewCodeIsNotOnIt() {
        CheckResult r = evaluate(NEXT, CheckSettings.of(Set.of(), Set.of(Bytecode.codeHash("0x6002")), null));

        assertThat(r.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(r.summary()).contains(PROXY + " -> " + NEXT).contains("not allowlisted");
    }

    @Test
    void shouldPassWhenTheNewCodeIsAllowlistedByHash() {
        CheckResult r = evaluate(NEXT, CheckSettings.of(Set.of(), Set.of(Bytecode.codeHash("0x6001")), null));

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldAcceptForwardingToTheImplementationTheProxyAlreadyHad() {
        assertThat(evaluate(CURRENT, CheckSettings.defaults()).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailNewCodeThatAddsSelfdestruct() {
        FakeChain chain = new FakeChain().code(NEXT, "0x6000ff");

        CheckResult r = evaluate(chain, NEXT, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("SELFDESTRUCT");
    }

    @Test
    void shouldFailNewCodeThatAddsDelegatecall() {
        FakeChain chain = new FakeChain().code(NEXT, "0x6000f4");

        CheckResult r = evaluate(chain, NEXT, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("adds DELEGATECALL");
    }

    @Test
    void shouldFailWhenAnInitializerOfTheNewCodeStaysCallable() {
        String init = Evm.selector("initializeV2()");
        FakeChain chain = new FakeChain().code(NEXT, "0x63" + init.substring(2) + "14");
        chain.answers(PROXY, init, BigInteger.ONE);

        CheckResult r = evaluate(chain, NEXT, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("initializeV2() can still be called by anyone");
    }

    @Test
    void shouldFailWhenTheUpgradeHandsOwnershipOutsideTheDao() {
        String outsider = "0xb00000000000000000000000000000000000000b";
        FakeChain chain = new FakeChain();
        chain.answers(PROXY, Evm.encode("owner()"), FakeChain.PRE, new BigInteger(EXECUTOR.substring(2), 16));
        chain.answers(PROXY, Evm.encode("owner()"), FakeChain.POST, new BigInteger(outsider.substring(2), 16));

        CheckResult r = evaluate(chain, NEXT, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("owner() becomes " + outsider);
    }
}
