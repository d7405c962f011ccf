package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;

/** Fails when any action reverts: the proposal could not be executed as written. */
public final class ExecutionCheck implements SafetyCheck {
    @Override
    public String id() {
        return "execution";
    }

    @Override
    public String title() {
        return "Every action executes without reverting";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        ActionExecution failed = null;
        for (ActionExecution a : e.actions()) {
            String head = "action " + (a.index() + 1) + " " + a.action().target() + " "
                    + a.decoded().render();
            if (!a.executed()) {
                lines.add(head + ": not executed (an earlier action reverted)");
            } else if (!a.success()) {
                lines.add(head + ": reverted: " + a.revertReason());
                failed = failed == null ? a : failed;
            } else {
                lines.add(head + ": ok, gas " + a.gasUsed());
            }
        }
        if (failed != null) {
            return CheckResult.fail(
                    id(), "action " + (failed.index() + 1) + " reverts: " + failed.revertReason(), lines);
        }
        return CheckResult.pass(id(), "all " + e.actions().size() + " action(s) executed", lines);
    }
}
