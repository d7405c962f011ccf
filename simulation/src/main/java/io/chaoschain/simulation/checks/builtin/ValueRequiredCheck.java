package io.chaoschain.simulation.checks.builtin;

import static io.chaoschain.simulation.checks.builtin.BuiltinChecks.eth;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails when the executor does not hold the ETH the actions send: on chain the execution would revert (the simulator
 * tops the balance up so the rest of the proposal can still be examined).
 */
public final class ValueRequiredCheck implements SafetyCheck {
    @Override
    public String id() {
        return "value-required";
    }

    @Override
    public String title() {
        return "The executor holds the ETH the actions send";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        BigInteger needed = e.valueRequired();
        BigInteger held = e.executorBalanceBefore();
        List<String> lines = new ArrayList<>();
        e.proposal().actions().forEach(a -> {
            if (a.value().signum() > 0) {
                lines.add(a.target() + " receives " + eth(a.value()));
            }
        });
        lines.add("executor " + e.proposal().executor() + " holds " + eth(held) + ", actions send " + eth(needed));
        if (needed.signum() == 0) {
            return CheckResult.pass(id(), "the actions send no ETH", lines);
        }
        if (held.compareTo(needed) < 0) {
            return CheckResult.fail(
                    id(), "the executor holds " + eth(held) + " but the actions send " + eth(needed), lines);
        }
        return CheckResult.pass(id(), "the executor covers the " + eth(needed) + " the actions send", lines);
    }
}
