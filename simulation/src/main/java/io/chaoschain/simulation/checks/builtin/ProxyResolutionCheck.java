package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Resolves proxies among the targets and touched contracts. Warns when the proposal changes a proxy's
 * implementation, admin or beacon; fails when a new implementation has no code (the proxy is bricked).
 */
public final class ProxyResolutionCheck implements SafetyCheck {
    @Override
    public String id() {
        return "proxy-resolution";
    }

    @Override
    public String title() {
        return "Proxies and their implementations";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        List<String> bricked = new ArrayList<>();
        int changed = 0;
        for (ProxyInfo p : new TreeMap<>(e.proxies()).values()) {
            if (!p.isProxy()) {
                continue;
            }
            lines.add(p.address() + " " + p.kind() + " implementation " + p.implementationBefore()
                    + (p.implementationChanged() ? " -> " + p.implementationAfter() : "")
                    + (p.adminAfter() != null
                            ? ", admin " + p.adminBefore() + (p.adminChanged() ? " -> " + p.adminAfter() : "")
                            : "")
                    + (p.beacon() != null ? ", beacon " + p.beacon() : ""));
            if (p.implementationChanged() || p.adminChanged()) {
                changed++;
            }
            if (p.implementationChanged()
                    && (p.implementationAfter() == null
                            || Bytecode.isEmpty(e.fork()
                                    .code(p.implementationAfter(), e.fork().postBlock())))) {
                bricked.add(p.address() + " now points to " + p.implementationAfter() + ", which has no code");
            }
        }
        if (!bricked.isEmpty()) {
            lines.addAll(bricked);
            return CheckResult.fail(
                    id(), bricked.size() + " proxy(ies) upgraded to an implementation without code", lines);
        }
        if (changed > 0) {
            return CheckResult.warn(id(), changed + " proxy(ies) change implementation or admin", lines);
        }
        return CheckResult.pass(
                id(),
                lines.isEmpty()
                        ? "no proxies among the contracts touched"
                        : lines.size() + " proxy(ies) resolved, none changed",
                lines);
    }
}
