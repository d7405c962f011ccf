package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Looks for SELFDESTRUCT: fails when one executes or when an action target's code contains the opcode; warns when
 * another contract the execution touched contains it. Code hashes on the allowlist are exempt.
 */
public final class SelfdestructCheck implements SafetyCheck {
    @Override
    public String id() {
        return "no-selfdestruct";
    }

    @Override
    public String title() {
        return "No SELFDESTRUCT in targets or touched contracts";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        for (CallFrame f : e.allFrames()) {
            if (f.type().equals("SELFDESTRUCT")) {
                fails.add(f.from() + " self-destructed during execution (beneficiary " + f.to() + ")");
            }
        }
        Set<String> targets = new java.util.HashSet<>();
        e.proposal().actions().forEach(a -> targets.add(a.target()));
        for (String address : e.touchedAddresses()) {
            String code = e.fork().code(address, e.fork().preBlock());
            if (Bytecode.isEmpty(code) || s.isAllowlistedCodeHash(Bytecode.codeHash(code))) {
                continue;
            }
            if (Bytecode.containsOpcode(code, Bytecode.SELFDESTRUCT)) {
                (targets.contains(address) ? fails : warns)
                        .add(address + (targets.contains(address) ? " (target)" : "")
                                + " contains SELFDESTRUCT, code hash " + Bytecode.codeHash(code));
            }
        }
        List<String> lines = new ArrayList<>(fails);
        lines.addAll(warns);
        if (!fails.isEmpty()) {
            return CheckResult.fail(id(), "SELFDESTRUCT executed or present in a target", lines);
        }
        if (!warns.isEmpty()) {
            return CheckResult.warn(id(), warns.size() + " touched contract(s) contain SELFDESTRUCT", lines);
        }
        return CheckResult.pass(
                id(), "no SELFDESTRUCT in " + e.touchedAddresses().size() + " contract(s)", lines);
    }
}
