package io.chaoschain.simulation.checks;

import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.List;

/** A check that plugs in through META-INF/services, as checks from other modules do; it only counts actions. */
public final class RegisteredByServiceLoaderCheck implements SafetyCheck {
    @Override
    public String id() {
        return "zz-plugged-in";
    }

    @Override
    public String title() {
        return "A check registered through ServiceLoader";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence evidence, CheckSettings settings) {
        return CheckResult.pass(id(), evidence.actions().size() + " action(s) seen", List.of());
    }
}
