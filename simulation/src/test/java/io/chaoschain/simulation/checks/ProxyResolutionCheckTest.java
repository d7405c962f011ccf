package io.chaoschain.simulation.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.builtin.ProxyResolutionCheck;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proxy resolution judged on hand-built evidence; the fork is a map of code by address. */
class ProxyResolutionCheckTest {
    private static final String PROXY = "0x00000000000000000000000000000000000000a1";
    private static final String OLD_IMPL = "0x00000000000000000000000000000000000000b1";
    private static final String NEW_IMPL = "0x00000000000000000000000000000000000000b2";
    private static final String EXECUTOR = "0x00000000000000000000000000000000000000e1";

    /** A fork whose only state is code. */
    record CodeFork(Map<String, String> code) implements ForkView {
        public long forkBlock() {
            return 1;
        }

        public long preBlock() {
            return 1;
        }

        public long postBlock() {
            return 2;
        }

        public long latestBlock() {
            return 2;
        }

        public String call(String to, String data, long block) {
            throw new UnsupportedOperationException();
        }

        public String code(String address, long block) {
            return code.getOrDefault(address, "0x");
        }

        public String storageAt(String address, String slot, long block) {
            return "0x" + "0".repeat(64);
        }

        public BigInteger balance(String address, long block) {
            return BigInteger.ZERO;
        }

        public long nonce(String address, long block) {
            return 0;
        }

        public JsonNode rpc(String method, Object... params) {
            throw new UnsupportedOperationException();
        }
    }

    private static SimulationEvidence evidence(ProxyInfo proxy, Map<String, String> code) {
        ProposalUnderTest p = ProposalUnderTest.draft(
                1, null, EXECUTOR, "", List.of(new ProposalAction(PROXY, BigInteger.ZERO, "0x3659cfe6", "")));
        return new SimulationEvidence(
                0,
                p,
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                proxy == null ? Map.of() : Map.of(PROXY, proxy),
                BigInteger.ZERO,
                new CodeFork(code),
                null);
    }

    private static CheckResult evaluate(SimulationEvidence e) {
        return new ProxyResolutionCheck().evaluate(e, CheckSettings.defaults());
    }

    @Test
    void shouldPassWhenNoProxyChanges() {
        ProxyInfo same = new ProxyInfo(PROXY, ProxyInfo.Kind.EIP1967, OLD_IMPL, OLD_IMPL, null, null, null);
        assertThat(evaluate(evidence(same, Map.of(OLD_IMPL, "0x6000"))).status())
                .isEqualTo(CheckResult.Status.PASS);
        assertThat(evaluate(evidence(null, Map.of())).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldWarnWhenTheProposalUpgradesAProxy() {
        ProxyInfo upgraded = new ProxyInfo(PROXY, ProxyInfo.Kind.EIP1967, OLD_IMPL, NEW_IMPL, null, null, null);
        CheckResult r = evaluate(evidence(upgraded, Map.of(NEW_IMPL, "0x6000")));
        assertThat(r.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(r.evidence()).anyMatch(l -> l.contains(OLD_IMPL + " -> " + NEW_IMPL));
    }

    @Test
    void shouldFailWhenTheNewImplementationHasNoCode() {
        ProxyInfo bricked = new ProxyInfo(PROXY, ProxyInfo.Kind.EIP1967, OLD_IMPL, NEW_IMPL, null, null, null);
        assertThat(evaluate(evidence(bricked, Map.of())).status()).isEqualTo(CheckResult.Status.FAIL);
    }
}
