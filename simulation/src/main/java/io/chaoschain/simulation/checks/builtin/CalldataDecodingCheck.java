package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes every action's calldata. Warns when a function is unknown to every bundled ABI (a reviewer cannot read
 * it); fails when calldata goes to an address without code, where the call silently does nothing.
 */
public final class CalldataDecodingCheck implements SafetyCheck {
    @Override
    public String id() {
        return "calldata-decoding";
    }

    @Override
    public String title() {
        return "Every action's calldata decodes against a known ABI";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        List<String> noCode = new ArrayList<>();
        int unknown = 0;
        for (ActionExecution a : e.actions()) {
            String target = a.action().target();
            boolean hasData = a.action().calldata().length() > 2;
            lines.add("action " + (a.index() + 1) + ": " + target + "."
                    + a.decoded().render()
                    + (a.decoded().abiSource() != null ? " [" + a.decoded().abiSource() + "]" : ""));
            if (hasData && !a.decoded().known()) {
                unknown++;
            }
            if (hasData && Bytecode.isEmpty(e.fork().code(target, e.fork().preBlock()))) {
                noCode.add(target);
            }
        }
        if (!noCode.isEmpty()) {
            noCode.forEach(t -> lines.add(t + " has no code: calldata sent to it is ignored"));
            return CheckResult.fail(id(), noCode.size() + " action(s) send calldata to an address without code", lines);
        }
        if (unknown > 0) {
            return CheckResult.warn(id(), unknown + " action(s) call a function no known ABI decodes", lines);
        }
        return CheckResult.pass(id(), "all calldata decoded", lines);
    }
}
