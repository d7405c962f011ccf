package io.chaoschain.simulation.checks.builtin;

import static io.chaoschain.simulation.checks.builtin.BuiltinChecks.eth;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Lists ETH balance changes. Warns when an address the DAO controls loses ETH; fails when the total it loses exceeds
 * {@code failAboveWei} (option; unset means never fail).
 */
public final class EthBalanceChangesCheck implements SafetyCheck {
    @Override
    public String id() {
        return "eth-balance-changes";
    }

    @Override
    public String title() {
        return "ETH balance changes";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        BigInteger daoOutflow = BigInteger.ZERO;
        for (AccountDiff d : new TreeMap<>(e.stateDiff()).values()) {
            BigInteger delta = d.balanceDelta();
            if (d.address().equals(e.proposal().executor())) {
                // the simulator may have topped the executor up; count from its real balance
                delta = d.balanceAfter().subtract(e.executorBalanceBefore().max(d.balanceBefore()));
                if (e.executorBalanceBefore().compareTo(d.balanceBefore()) < 0) {
                    delta = d.balanceAfter().subtract(d.balanceBefore());
                }
            }
            if (delta.signum() == 0) {
                continue;
            }
            boolean dao = s.isDaoControlled(d.address(), e.proposal());
            lines.add(d.address() + (dao ? " (DAO)" : "") + ": " + (delta.signum() > 0 ? "+" : "") + eth(delta));
            if (dao && delta.signum() < 0) {
                daoOutflow = daoOutflow.add(delta.negate());
            }
        }
        BigInteger failAbove = s.forCheck(id()).integer("failAboveWei", null);
        if (failAbove != null && daoOutflow.compareTo(failAbove) > 0) {
            return CheckResult.fail(
                    id(),
                    "DAO-controlled addresses lose " + eth(daoOutflow) + ", above the limit of " + eth(failAbove),
                    lines);
        }
        if (daoOutflow.signum() > 0) {
            return CheckResult.warn(id(), "DAO-controlled addresses lose " + eth(daoOutflow), lines);
        }
        return CheckResult.pass(
                id(),
                lines.isEmpty()
                        ? "no ETH balance changed"
                        : lines.size() + " ETH balance(s) changed; the DAO loses none",
                lines);
    }
}
