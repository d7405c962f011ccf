package io.chaoschain.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationReport.ActionOutcome;
import io.chaoschain.core.simulation.SimulationReport.ReplayOutcome;
import io.chaoschain.core.simulation.SimulationReport.StateChange;
import io.chaoschain.simulation.AnvilForkSimulator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class CanonicalJsonTest {
    private static final String TARGET = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String SLOT = "0x" + "0".repeat(63) + "3";

    private static SimulationReport report(BigDecimal utilizationBefore, String revertReason, int reverted) {
        Map<String, BigDecimal> before = new LinkedHashMap<>();
        before.put("utilization", utilizationBefore);
        before.put("borrowRatePerYear", new BigDecimal("0.2000"));
        Map<String, BigDecimal> after = new LinkedHashMap<>();
        after.put("utilization", new BigDecimal("0.75"));
        after.put("borrowRatePerYear", BigDecimal.ZERO.setScale(18));
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("BorrowRateAboveLimit", reverted);
        reasons.put("Allowance", 0);
        return new SimulationReport(
                36,
                31337,
                List.of(new ActionOutcome(TARGET, "0x8f1d3776", revertReason == null, revertReason, 41_234, null)),
                new ReplayOutcome(14, 0, Map.of()),
                new ReplayOutcome(14, reverted, reasons),
                before,
                after,
                List.of(new StateChange(TARGET, SLOT, "0x" + "0".repeat(64), "0x" + "0".repeat(63) + "a")),
                "ignored");
    }

    @Test
    void shouldWriteSortedKeysWithoutWhitespaceAndDecimalsAsPlainStrings() {
        String json = AnvilForkSimulator.canonicalJson(report(new BigDecimal("0.900000000000000000"), null, 2));

        assertThat(json)
                .isEqualTo("{\"actions\":[{\"gasUsed\":41234,\"revertReason\":null,\"selector\":\"0x8f1d3776\","
                        + "\"success\":true,\"target\":\"" + TARGET + "\",\"txHash\":null}],"
                        + "\"baseline\":{\"revertReasons\":{},\"reverted\":0,\"transactions\":14},"
                        + "\"chainId\":31337,\"forkBlock\":36,"
                        + "\"metricsAfter\":{\"borrowRatePerYear\":\"0\",\"utilization\":\"0.75\"},"
                        + "\"metricsBefore\":{\"borrowRatePerYear\":\"0.2\",\"utilization\":\"0.9\"},"
                        + "\"stateChanges\":[{\"after\":\"0x" + "0".repeat(63) + "a\",\"before\":\"0x" + "0".repeat(64)
                        + "\",\"contract\":\"" + TARGET + "\",\"slot\":\"" + SLOT + "\"}],"
                        + "\"withProposal\":{\"revertReasons\":{\"Allowance\":0,\"BorrowRateAboveLimit\":2},\"reverted\":2,"
                        + "\"transactions\":14}}");
    }

    @Test
    void shouldLeaveTheReportHashOutOfTheCanonicalForm() {
        assertThat(AnvilForkSimulator.canonicalJson(report(BigDecimal.ONE, null, 1)))
                .doesNotContain("ignored")
                .doesNotContain("reportHash");
    }

    @Test
    void shouldEscapeStringsAsRfc8785Prescribes() {
        String json = AnvilForkSimulator.canonicalJson(report(BigDecimal.ONE, "say \"no\"\\\n\t\u0001é", 1));

        assertThat(json).contains("\"revertReason\":\"say \\\"no\\\"\\\\\\n\\t\\u0001é\"");
    }

    @Test
    void shouldHashTheUtf8BytesOfTheCanonicalFormWithKeccak256() {
        SimulationReport report = report(new BigDecimal("0.9"), "InvalidParameter(\"kink\", 0)", 1);

        byte[] bytes = AnvilForkSimulator.canonicalJson(report).getBytes(StandardCharsets.UTF_8);
        assertThat(AnvilForkSimulator.reportHash(report))
                .isEqualTo(Numeric.toHexString(Hash.sha3(bytes)))
                .matches("0x[0-9a-f]{64}");
    }

    @Test
    void shouldHashNumericallyEqualMetricsAlikeWhateverTheirScale() {
        assertThat(AnvilForkSimulator.reportHash(report(new BigDecimal("0.9"), null, 1)))
                .isEqualTo(AnvilForkSimulator.reportHash(report(new BigDecimal("0.900000000000000000"), null, 1)));
    }

    @Test
    void shouldChangeTheHashWhenAnyFactChanges() {
        String hash = AnvilForkSimulator.reportHash(report(new BigDecimal("0.9"), null, 1));

        assertThat(AnvilForkSimulator.reportHash(report(new BigDecimal("0.91"), null, 1)))
                .isNotEqualTo(hash);
        assertThat(AnvilForkSimulator.reportHash(report(new BigDecimal("0.9"), null, 2)))
                .isNotEqualTo(hash);
        assertThat(AnvilForkSimulator.reportHash(report(new BigDecimal("0.9"), "x", 1)))
                .isNotEqualTo(hash);
    }
}
