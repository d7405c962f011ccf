package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists ownership, role, admin and implementation changes. Warns when control passes to an address the DAO does not
 * control (new owner, role grantee, proxy admin outside the DAO).
 */
public final class PermissionChangesCheck implements SafetyCheck {
    @Override
    public String id() {
        return "permission-changes";
    }

    @Override
    public String title() {
        return "Permission changes";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        int outside = 0;
        for (PermissionChange p : e.permissionChanges()) {
            lines.add("action " + (p.actionIndex() + 1) + ": " + p.contract() + " " + p.kind()
                    + (p.role() != null ? " role " + p.role() : "") + " account " + p.account()
                    + (p.previous() != null ? " (was " + p.previous() + ")" : ""));
            boolean grants = switch (p.kind()) {
                case OWNERSHIP_TRANSFERRED, OWNERSHIP_TRANSFER_STARTED, ROLE_GRANTED, PROXY_ADMIN_CHANGED -> true;
                default -> false;
            };
            if (grants && !s.isDaoControlled(p.account(), e.proposal())) {
                outside++;
            }
        }
        if (outside > 0) {
            return CheckResult.warn(
                    id(), outside + " permission change(s) hand control to addresses outside the DAO", lines);
        }
        return CheckResult.pass(
                id(),
                lines.isEmpty() ? "no permission changed" : lines.size() + " permission change(s), all within the DAO",
                lines);
    }
}
