package io.chaoschain.storage;

import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic sample values for store and API tests. */
public final class Samples {
    public static final String CHAIN = "devnet";
    public static final String GOVERNOR = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    public static final String MARKET = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    public static final String OPERATOR = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    /** A proposal id as large as a real Governor id (a keccak hash), well above 2^64. */
    public static final BigInteger ONCHAIN_ID =
            new BigInteger("91872391872398172398127398127398127391827391827398127398127398127391827391827");

    private Samples() {}

    public static ProposalDraft draft(String title) {
        BigInteger oldJump = new BigInteger("3000000000000000000");
        BigInteger newJump = new BigInteger("2500000000000000000");
        return new ProposalDraft(
                title,
                "# " + title + "\n\nUtilization sat above the kink for 40 blocks; lower the jump multiplier.",
                List.of(new ProposalAction(
                        MARKET,
                        BigInteger.ZERO,
                        "0x8f8d4a4f" + "0".repeat(64 * 4),
                        "setRateModel(uint256,uint256,uint256,uint256)")),
                new ParameterChange(MARKET, "jumpMultiplierPerYear", oldJump, newJump));
    }

    public static SimulationReport report(String hashByte) {
        return new SimulationReport(
                1234,
                31337,
                List.of(new SimulationReport.ActionOutcome(
                        MARKET, "0x8f8d4a4f", true, null, 48_211, "0x" + "ab".repeat(32))),
                new SimulationReport.ReplayOutcome(40, 7, Map.of("BorrowRateAboveLimit", 7)),
                new SimulationReport.ReplayOutcome(40, 1, Map.of("BorrowRateAboveLimit", 1)),
                Map.of("utilization", new BigDecimal("0.9312"), "borrowApr", new BigDecimal("0.41")),
                Map.of("utilization", new BigDecimal("0.8705"), "borrowApr", new BigDecimal("0.2275")),
                List.of(new SimulationReport.StateChange(
                        MARKET, "0x3", "0x" + "00".repeat(32), "0x" + "01".repeat(32))),
                "0x" + hashByte.repeat(32));
    }

    public static MarketSnapshot snapshot(long block, String utilization) {
        return new MarketSnapshot(
                MARKET,
                block,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(12 * block),
                new BigDecimal(utilization),
                new BigDecimal("0.125"),
                new BigDecimal("0.0843"),
                new BigDecimal("750000.5"),
                new BigDecimal("250000"),
                new BigDecimal("1234.000000000000000001"),
                new BigDecimal("1000"),
                new BigDecimal("2500.25"));
    }

    public static String txHash(int n) {
        return "0x" + String.format("%064x", n);
    }
}
