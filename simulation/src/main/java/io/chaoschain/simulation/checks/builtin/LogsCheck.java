package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lists the events the execution emitted, decoded; warns when some match no known ABI. */
public final class LogsCheck implements SafetyCheck {
    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String title() {
        return "Events emitted";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        int unknown = 0;
        for (DecodedLog log : e.logs()) {
            if (log.known()) {
                lines.add("action " + (log.actionIndex() + 1) + ": " + log.address() + " " + log.name() + "("
                        + log.args().stream().map(LogsCheck::arg).collect(Collectors.joining(", ")) + ")");
            } else {
                unknown++;
                lines.add("action " + (log.actionIndex() + 1) + ": " + log.address() + " unknown event topics="
                        + log.topics() + " data=" + log.data());
            }
        }
        if (unknown > 0) {
            return CheckResult.warn(id(), unknown + " of " + e.logs().size() + " event(s) match no known ABI", lines);
        }
        return CheckResult.pass(id(), e.logs().size() + " event(s), all decoded", lines);
    }

    private static String arg(DecodedCall.Argument a) {
        return (a.name() == null || a.name().isEmpty() ? "" : a.name() + "=") + a.value();
    }
}
