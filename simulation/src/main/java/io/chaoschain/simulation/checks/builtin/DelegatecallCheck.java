package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for DELEGATECALL. Fails when a DAO-controlled address (the executor, the governor, the allowlist) runs
 * foreign code by delegatecall during execution: that code acts with the DAO's storage and permissions. Warns when a
 * touched contract that is not a recognised proxy contains DELEGATECALL (or CALLCODE). Allowlisted code hashes are
 * exempt in both cases.
 */
public final class DelegatecallCheck implements SafetyCheck {
    @Override
    public String id() {
        return "no-delegatecall";
    }

    @Override
    public String title() {
        return "No DELEGATECALL from the DAO or in non-proxy contracts";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        for (CallFrame f : e.allFrames()) {
            if ((f.type().equals("DELEGATECALL") || f.type().equals("CALLCODE"))
                    && s.isDaoControlled(f.from(), e.proposal())) {
                String code = e.fork().code(f.to(), e.fork().postBlock());
                if (!s.isAllowlistedCodeHash(Bytecode.codeHash(code))) {
                    fails.add(f.from() + " (DAO) delegatecalls " + f.to() + " code hash " + Bytecode.codeHash(code)
                            + " input " + f.selector());
                }
            }
        }
        for (String address : e.touchedAddresses()) {
            ProxyInfo proxy = e.proxies().get(address);
            if (proxy != null && proxy.isProxy()) {
                continue;
            }
            String code = e.fork().code(address, e.fork().preBlock());
            if (Bytecode.isEmpty(code) || s.isAllowlistedCodeHash(Bytecode.codeHash(code))) {
                continue;
            }
            if (Bytecode.containsOpcode(code, Bytecode.DELEGATECALL)
                    || Bytecode.containsOpcode(code, Bytecode.CALLCODE)) {
                warns.add(address + " contains DELEGATECALL and is not a recognised proxy, code hash "
                        + Bytecode.codeHash(code));
            }
        }
        List<String> lines = new ArrayList<>(fails);
        lines.addAll(warns);
        if (!fails.isEmpty()) {
            return CheckResult.fail(id(), "a DAO-controlled address delegatecalls foreign code", lines);
        }
        if (!warns.isEmpty()) {
            return CheckResult.warn(id(), warns.size() + " touched non-proxy contract(s) contain DELEGATECALL", lines);
        }
        return CheckResult.pass(
                id(), "no unexpected DELEGATECALL in " + e.touchedAddresses().size() + " contract(s)", lines);
    }
}
