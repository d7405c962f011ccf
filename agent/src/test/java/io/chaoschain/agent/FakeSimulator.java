package io.chaoschain.agent;

import io.chaoschain.core.simulation.ProposalSimulator;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulator whose market responds to the jump multiplier with a simple closed-form demand curve: each 100 % of jump
 * multiplier pushes projected utilization down by {@code sensitivity}. Records every request it was given.
 */
public final class FakeSimulator implements ProposalSimulator {
    public final List<SimulationRequest> requests = new ArrayList<>();
    private final BigDecimal baselineUtilization;
    private final BigDecimal sensitivity;
    private final boolean actionsRevert;

    public FakeSimulator(String baselineUtilization, String sensitivity, boolean actionsRevert) {
        this.baselineUtilization = new BigDecimal(baselineUtilization);
        this.sensitivity = new BigDecimal(sensitivity);
        this.actionsRevert = actionsRevert;
    }

    @Override
    public List<SimulationReport> simulateAll(List<SimulationRequest> batch) {
        requests.addAll(batch);
        return batch.stream().map(this::report).toList();
    }

    private SimulationReport report(SimulationRequest request) {
        BigInteger jump = RateModelCalls.decodeSetRateModel(
                        request.actions().getFirst().calldata())
                .jumpMultiplierPerYear();
        BigDecimal jumpFraction = new BigDecimal(jump).divide(new BigDecimal("1e18"), MathContext.DECIMAL64);
        BigDecimal after =
                baselineUtilization.subtract(jumpFraction.multiply(sensitivity)).max(new BigDecimal("0.5"));
        BigDecimal apr = new BigDecimal("0.10")
                .add(after.subtract(new BigDecimal("0.8")).max(BigDecimal.ZERO).multiply(jumpFraction));
        var action = new SimulationReport.ActionOutcome(
                request.actions().getFirst().target(),
                request.actions().getFirst().selector(),
                !actionsRevert,
                actionsRevert ? "InvalidParameter" : "",
                50_000,
                "0x01");
        return new SimulationReport(
                100,
                31337,
                List.of(action),
                new SimulationReport.ReplayOutcome(40, 0, Map.of()),
                new SimulationReport.ReplayOutcome(40, 7, Map.of("BorrowRateAboveLimit", 7)),
                Map.of(
                        "utilization",
                        baselineUtilization,
                        "borrowApr",
                        new BigDecimal("0.13"),
                        "supplyApr",
                        new BigDecimal("0.1")),
                Map.of("utilization", after, "borrowApr", apr, "supplyApr", new BigDecimal("0.11")),
                List.of(),
                "0x" + jump.toString(16));
    }
}
