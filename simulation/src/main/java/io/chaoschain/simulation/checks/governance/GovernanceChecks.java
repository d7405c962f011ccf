package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.SafetyCheck;
import java.util.List;

/**
 * The governance-attack checks C1-C13, in id order. Each catches a class of attack seen in public incidents; see
 * docs/simulation-checks.md for what each examines and how to tune it.
 */
public final class GovernanceChecks {
    private GovernanceChecks() {}

    public static List<SafetyCheck> all() {
        return List.of(
                new FlashVotingPowerCheck(),
                new FreshVotingPowerCheck(),
                new ExecutionDelayCheck(),
                new MutableCodeCheck(),
                new UnallowlistedDelegatecallCheck(),
                new ControlTransferCheck(),
                new TreasuryOutflowCheck(),
                new ProtocolInvariantsCheck(),
                new DescriptionMismatchCheck(),
                new RiskyParametersCheck(),
                new ProcessRedFlagsCheck(),
                new ProxyInitializerCheck(),
                new AccountingInvariantsCheck());
    }
}
