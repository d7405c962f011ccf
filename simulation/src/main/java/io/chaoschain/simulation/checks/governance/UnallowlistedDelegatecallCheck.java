package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * C5: delegatecall into code that is not allowlisted: init hooks, {@code upgradeTo} + {@code initialize} into a new
 * implementation no one reviewed (the Audius governance takeover ran its payload through such an initializer).
 *
 * <p>Every DELEGATECALL frame of the execution must go to code whose hash is in
 * {@code allowlist.delegatecallCodeHashes}, to an address in {@code checks.C5.allowedImplementations}, or to the
 * implementation the calling proxy already had before the proposal (its everyday forwarding). Every implementation
 * or beacon upgrade must point at allowlisted code. Anything else fails.
 */
public final class UnallowlistedDelegatecallCheck implements SafetyCheck {
    @Override
    public String id() {
        return "C5";
    }

    @Override
    public String title() {
        return "Delegatecalls and upgrades only into allowlisted code";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> allowed = s.forCheck(id()).strings("allowedImplementations");
        Set<String> existing = new LinkedHashSet<>();
        for (ProxyInfo proxy : e.proxies().values()) {
            if (proxy.implementationBefore() != null) {
                existing.add(proxy.implementationBefore());
            }
        }
        Findings f = new Findings(id());
        int delegatecalls = 0;
        Set<String> reported = new LinkedHashSet<>();
        for (CallFrame frame : e.allFrames()) {
            if (!frame.type().equals("DELEGATECALL") || frame.to() == null) {
                continue;
            }
            delegatecalls++;
            ProxyInfo caller = e.proxies().get(frame.from());
            boolean forwarding = caller != null && frame.to().equals(caller.implementationBefore());
            if (forwarding
                    || allowed.contains(frame.to())
                    || allowlisted(e, s, frame.to())
                    || !reported.add(frame.from() + ">" + frame.to())) {
                continue;
            }
            f.fail(frame.from() + " delegatecalls " + frame.to() + " (" + frame.selector() + ", code hash "
                    + Bytecode.codeHash(e.fork().code(frame.to(), e.fork().postBlock())) + "), which is not allowlisted"
                    + (existing.contains(frame.to()) ? "" : " and was not its implementation before"));
        }
        for (PermissionChange c : e.permissionChanges()) {
            if ((c.kind() == PermissionChange.Kind.IMPLEMENTATION_UPGRADED
                            || c.kind() == PermissionChange.Kind.BEACON_UPGRADED)
                    && c.account() != null
                    && !allowed.contains(c.account())
                    && !allowlisted(e, s, c.account())) {
                f.fail("action " + c.actionIndex() + " upgrades " + c.contract() + " to " + c.account()
                        + ", whose code is not allowlisted");
            }
        }
        return f.result(delegatecalls + " delegatecall(s), all into allowlisted or already-installed code");
    }

    private static boolean allowlisted(SimulationEvidence e, CheckSettings s, String address) {
        return s.isAllowlistedCodeHash(
                Bytecode.codeHash(e.fork().code(address, e.fork().postBlock())));
    }
}
