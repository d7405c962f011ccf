package io.chaoschain.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulatedProposal;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterErrorsTest {
    private static final String EXECUTOR = "0x1000000000000000000000000000000000000001";

    /** A fork view that only knows its blocks: the report reads nothing else. */
    private static final ForkView BLOCKS = new ForkView() {
        @Override
        public long forkBlock() {
            return 100;
        }

        @Override
        public long preBlock() {
            return 100;
        }

        @Override
        public long postBlock() {
            return 101;
        }

        @Override
        public long latestBlock() {
            return 101;
        }

        @Override
        public String call(String to, String data, long block) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String code(String address, long block) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String storageAt(String address, String slot, long block) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BigInteger balance(String address, long block) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nonce(String address, long block) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode rpc(String method, Object... params) {
            throw new UnsupportedOperationException();
        }
    };

    private static SafetyReport report(List<CheckResult> results) {
        ProposalUnderTest p = ProposalUnderTest.draft(
                31337, null, EXECUTOR, "", List.of(new ProposalAction(EXECUTOR, BigInteger.ZERO, "0x", "")));
        SimulationEvidence e = new SimulationEvidence(
                0, p, List.of(), Map.of(), List.of(), List.of(), List.of(), Map.of(), BigInteger.ZERO, BLOCKS, BLOCKS);
        List<SimulatedProposal> outcomes = List.of(new SimulatedProposal(e, results));
        Map<String, String> titles = Map.of("C11", "process red flags");
        String canonical = ReportWriter.canonical(31337, 100, outcomes, titles);
        return new SafetyReport(31337, 100, outcomes, titles, canonical, ReportWriter.hash(canonical));
    }

    @Test
    void shouldListEveryCheckThatCouldNotRunWithItsReason() throws Exception {
        SafetyReport r = report(List.of(
                CheckResult.pass("C1", "ok", List.of()),
                CheckResult.error("C11", "could not judge: the node refused eth_getLogs", List.of())));

        JsonNode json = new ObjectMapper().readTree(r.canonicalJson());
        assertThat(json.path("risk").asText()).isEqualTo("unknown");
        assertThat(json.path("errors")).hasSize(1);
        assertThat(json.path("errors").get(0).path("id").asText()).isEqualTo("C11");
        assertThat(json.path("errors").get(0).path("reason").asText()).contains("refused eth_getLogs");
        assertThat(r.markdown())
                .contains("risk UNKNOWN")
                .contains("**Not judged:** 1 check(s) could not run")
                .contains("- C11: could not judge: the node refused eth_getLogs")
                .contains("| C11 | **ERROR** |");
    }

    @Test
    void shouldStayHighWhenAFailureAndAnErrorMeet() throws Exception {
        SafetyReport r = report(List.of(
                CheckResult.error("C11", "the node refused eth_getLogs", List.of()),
                CheckResult.fail("C7", "treasury drained", List.of())));

        assertThat(new ObjectMapper().readTree(r.canonicalJson()).path("risk").asText())
                .isEqualTo("high");
        assertThat(r.failed()).isTrue();
        assertThat(r.errored()).isFalse();
    }
}
