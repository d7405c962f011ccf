package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Lists the storage and code the proposal changed. Warns when a proposal that executed changed no storage at all:
 * a proposal that does nothing is usually a mistake in the calldata.
 */
public final class StateChangesCheck implements SafetyCheck {
    @Override
    public String id() {
        return "state-changes";
    }

    @Override
    public String title() {
        return "Storage changes";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        int slots = 0;
        for (AccountDiff d : new TreeMap<>(e.stateDiff()).values()) {
            for (var slot : new TreeMap<>(d.storage()).entrySet()) {
                lines.add(d.address() + " slot " + slot.getKey() + ": "
                        + slot.getValue().before() + " -> " + slot.getValue().after());
                slots++;
            }
            if (d.codeChanged()) {
                lines.add(d.address() + " code hash " + d.codeHashBefore() + " -> " + d.codeHashAfter());
            }
        }
        if (!e.executed()) {
            return CheckResult.pass(id(), "the proposal reverted; no state changes", lines);
        }
        if (slots == 0) {
            return CheckResult.warn(id(), "the proposal executed but changed no storage", lines);
        }
        return CheckResult.pass(
                id(),
                slots + " storage slot(s) changed in "
                        + e.stateDiff().values().stream()
                                .filter(d -> !d.storage().isEmpty())
                                .count() + " contract(s)",
                lines);
    }
}
