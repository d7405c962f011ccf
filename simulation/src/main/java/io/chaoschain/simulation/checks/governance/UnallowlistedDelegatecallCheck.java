package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.Upgrades;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * C5: upgrades and delegatecalls judged on what the new code is (the Audius governance takeover ran its payload
 * through an initializer that could be called again; a hostile "V2" can hand over the module, destroy it, run any
 * code in its storage or read the old storage as different variables).
 *
 * <p>Every implementation or beacon upgrade, and every DELEGATECALL from a contract into code that is neither its
 * implementation before nor after (a home-made proxy's upgrade, an init hook), is judged on properties: after
 * execution no initializer of the proxy may be callable by an unrelated account; the new code may not add
 * SELFDESTRUCT or DELEGATECALL instructions the old code did not have (Solidity's metadata trailer skipped); views both
 * versions dispatch must read the proxy's storage alike (no layout collision); the EIP-1967 admin and {@code owner()}
 * must stay DAO-controlled (followed transitively) and no stranger may upgrade. An entry in
 * {@code allowlist.delegatecallCodeHashes} or {@code checks.C5.allowedImplementations} raises confidence (its code
 * findings then only warn); when an allowlist is configured, an upgrade to code not on it warns. A delegatecall by the
 * executor itself into code not allowlisted warns, or fails when that code can SELFDESTRUCT.
 */
public final class UnallowlistedDelegatecallCheck implements SafetyCheck {
    private record Target(String proxy, String before, String after, boolean standard) {}

    @Override
    public String id() {
        return "C5";
    }

    @Override
    public String title() {
        return "Upgrades and delegatecalls into code that keeps the proxy safe";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> allowed = s.forCheck(id()).strings("allowedImplementations");
        boolean allowlist = !allowed.isEmpty() || !s.delegatecallCodeHashes().isEmpty();
        List<String> initializers = initializers(s);
        Control dao = new Control(e, s);
        Findings f = new Findings(id());
        long post = e.fork().postBlock();

        Map<String, Target> targets = upgrades(e);
        Set<String> judgedCode = new LinkedHashSet<>();
        targets.values().forEach(t -> judgedCode.add(t.after()));
        int delegatecalls = 0;
        Set<String> executorCalls = new LinkedHashSet<>();
        for (CallFrame frame : e.allFrames()) {
            if (!frame.type().equals("DELEGATECALL") || frame.to() == null) {
                continue;
            }
            delegatecalls++;
            ProxyInfo caller = e.proxies().get(frame.from());
            boolean forwarding = caller != null
                    && (frame.to().equals(caller.implementationBefore())
                            || frame.to().equals(caller.implementationAfter()));
            if (forwarding || judgedCode.contains(frame.to()) || beaconImplementation(e, frame.to())) {
                continue;
            }
            if (isDao(e, frame.from())) {
                executorCalls.add(frame.to());
            } else {
                targets.putIfAbsent(
                        frame.from() + ">" + frame.to(),
                        new Target(
                                frame.from(),
                                caller == null ? null : caller.implementationBefore(),
                                frame.to(),
                                caller != null && caller.kind() == ProxyInfo.Kind.EIP1967));
            }
        }
        for (String code : executorCalls) {
            boolean listed = listed(e, s, allowed, code);
            String bytecode = e.fork().code(code, post);
            if (Upgrades.count(bytecode, Bytecode.SELFDESTRUCT) > 0) {
                f.add(!listed, "the executor delegatecalls " + code + ", whose code can SELFDESTRUCT in its context");
            } else if (!listed) {
                f.warn("the executor delegatecalls " + code + " (code hash " + Bytecode.codeHash(bytecode)
                        + "), which is not allowlisted: that code runs with the executor's storage and funds");
            }
        }
        for (Target t : targets.values()) {
            judge(e, s, allowed, allowlist, initializers, dao, t, f);
        }
        return f.result(targets.size() + " upgrade(s) and " + delegatecalls
                + " delegatecall(s): initializers locked, no new SELFDESTRUCT/DELEGATECALL, storage read alike, "
                + "upgrade authority with the DAO");
    }

    private void judge(
            SimulationEvidence e,
            CheckSettings s,
            List<String> allowed,
            boolean allowlist,
            List<String> initializers,
            Control dao,
            Target t,
            Findings f) {
        long pre = e.fork().preBlock();
        long post = e.fork().postBlock();
        String proxy = t.proxy();
        String next = t.after();
        String newCode = e.fork().code(next, post);
        String oldCode = t.before() == null ? null : e.fork().code(t.before(), pre);
        boolean listed = listed(e, s, allowed, next);
        String what = proxy + " -> " + next;

        int destructNew = Upgrades.count(newCode, Bytecode.SELFDESTRUCT);
        int destructOld = oldCode == null ? 0 : Upgrades.count(oldCode, Bytecode.SELFDESTRUCT);
        if (destructNew > destructOld) {
            f.add(
                    !listed,
                    what + ": the new code can SELFDESTRUCT (" + destructNew + " instruction(s), the old code "
                            + destructOld + ")");
        }
        int callsNew = Upgrades.count(newCode, Bytecode.DELEGATECALL) + Upgrades.count(newCode, Bytecode.CALLCODE);
        if (oldCode != null) {
            int callsOld = Upgrades.count(oldCode, Bytecode.DELEGATECALL) + Upgrades.count(oldCode, Bytecode.CALLCODE);
            if (callsNew > callsOld) {
                f.add(
                        !listed,
                        what + ": the new code adds DELEGATECALL (" + callsNew + " instruction(s), the old code "
                                + callsOld + "): it can run other code in the proxy's storage");
            }
        } else if (callsNew > 0 && !listed) {
            f.note(what + ": the new code contains DELEGATECALL; no earlier implementation to compare with");
        }

        List<String> open = Upgrades.callableInitializers(e.fork(), proxy, next, initializers, post);
        for (String init : open) {
            f.fail(what + ": " + init + " can still be called by anyone after the proposal ("
                    + Upgrades.initState(e.fork(), proxy, post).describe() + "): the proxy can be re-initialized");
        }
        if (open.isEmpty()) {
            f.note(what + ": initializers revert for an unrelated caller ("
                    + Upgrades.initState(e.fork(), proxy, post).describe() + ")");
        }

        if (t.standard() && t.before() != null) {
            try {
                for (String conflict : Upgrades.layoutConflicts(e.fork(), proxy, t.before(), next, post)) {
                    f.fail(what + ": storage layout collision, " + conflict);
                }
            } catch (Upgrades.OverrideUnavailable refused) {
                f.error(what + ": storage layout not compared: " + refused.getMessage());
            }
        }

        Optional<String> admin = Upgrades.slotAddress(e.fork(), proxy, Upgrades.ADMIN_SLOT, post);
        if (admin.isPresent() && !dao.controls(admin.get())) {
            f.fail(what + ": the proxy's EIP-1967 admin " + admin.get() + " is not DAO-controlled after the proposal");
        }
        Optional<String> ownerBefore = Evm.address(e.fork(), proxy, Evm.encode("owner()"), pre);
        Optional<String> ownerAfter = Evm.address(e.fork(), proxy, Evm.encode("owner()"), post);
        if (ownerAfter.isPresent()
                && !ownerAfter.get().equals(Evm.ZERO_ADDRESS)
                && !dao.controls(ownerAfter.get())
                && (ownerBefore.isEmpty() || !Objects.equals(ownerBefore, ownerAfter))) {
            f.fail(what + ": owner() becomes " + ownerAfter.get() + " (was " + ownerBefore.orElse("(none)")
                    + "), which the DAO does not control");
        }
        if (Upgrades.strangerCanUpgrade(e.fork(), proxy, next, post)) {
            f.fail(what + ": an unrelated account can upgrade the proxy after the proposal");
        }

        String hash = Bytecode.codeHash(newCode);
        if (listed) {
            f.note(what + ": the new code (hash " + hash + ") is allowlisted");
        } else if (allowlist) {
            f.warn(what + ": the new code (hash " + hash + ") is not allowlisted; judged on its properties only");
        } else {
            f.note(what + ": no allowlist configured; the new code (hash " + hash + ") judged on its properties");
        }
    }

    /** Implementation upgrades and beacon changes, keyed by proxy and new implementation. */
    private static Map<String, Target> upgrades(SimulationEvidence e) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (PermissionChange c : e.permissionChanges()) {
            if (c.account() == null) {
                continue;
            }
            if (c.kind() == PermissionChange.Kind.IMPLEMENTATION_UPGRADED) {
                ProxyInfo p = e.proxies().get(c.contract());
                List<ProxyInfo> behindBeacon = e.proxies().values().stream()
                        .filter(x -> c.contract().equals(x.beacon()))
                        .toList();
                if (!behindBeacon.isEmpty()) {
                    behindBeacon.forEach(x -> out.putIfAbsent(
                            x.address() + ">" + c.account(),
                            new Target(x.address(), x.implementationBefore(), c.account(), false)));
                } else {
                    out.putIfAbsent(
                            c.contract() + ">" + c.account(),
                            new Target(
                                    c.contract(),
                                    p == null ? null : p.implementationBefore(),
                                    c.account(),
                                    p != null && p.kind() == ProxyInfo.Kind.EIP1967));
                }
            } else if (c.kind() == PermissionChange.Kind.BEACON_UPGRADED) {
                ProxyInfo p = e.proxies().get(c.contract());
                if (p != null && p.implementationAfter() != null) {
                    out.putIfAbsent(
                            p.address() + ">" + p.implementationAfter(),
                            new Target(p.address(), p.implementationBefore(), p.implementationAfter(), false));
                }
            }
        }
        for (ProxyInfo p : e.proxies().values()) {
            if (p.isProxy() && p.implementationChanged() && p.implementationAfter() != null) {
                out.putIfAbsent(
                        p.address() + ">" + p.implementationAfter(),
                        new Target(
                                p.address(),
                                p.implementationBefore(),
                                p.implementationAfter(),
                                p.kind() == ProxyInfo.Kind.EIP1967));
            }
        }
        return out;
    }

    private static boolean beaconImplementation(SimulationEvidence e, String code) {
        return e.proxies().values().stream()
                .anyMatch(p -> p.kind() == ProxyInfo.Kind.EIP1967_BEACON
                        && (code.equals(p.implementationBefore()) || code.equals(p.implementationAfter())));
    }

    private static boolean isDao(SimulationEvidence e, String address) {
        return address.equals(e.proposal().executor())
                || (e.proposal().governor() != null
                        && address.equals(e.proposal().governor()));
    }

    private static boolean listed(SimulationEvidence e, CheckSettings s, List<String> allowed, String address) {
        return allowed.contains(address)
                || s.isAllowlistedCodeHash(
                        Bytecode.codeHash(e.fork().code(address, e.fork().postBlock())));
    }

    /** C5's own {@code initializers} option, else C12's, else the default list. */
    private static List<String> initializers(CheckSettings s) {
        List<String> out = new ArrayList<>();
        s.forCheck("C5")
                .raw("initializers")
                .or(() -> s.forCheck("C12").raw("initializers"))
                .ifPresentOrElse(
                        n -> n.forEach(v -> out.add(v.asText())), () -> out.addAll(Upgrades.DEFAULT_INITIALIZERS));
        return out;
    }
}
