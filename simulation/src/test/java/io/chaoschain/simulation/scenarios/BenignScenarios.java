package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.AttackScenarios.draft;
import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.bytes;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.pct;
import static io.chaoschain.simulation.scenarios.ScenarioChain.role;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;

import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.scenarios.Scenario.Staged;
import io.chaoschain.simulation.scenarios.ScenarioChain.Call;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/** Everyday proposals the checks must let through without a failure (warnings allowed). */
final class BenignScenarios {
    private BenignScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "rate-model-change",
                        "LendingMarket jump-rate change, voted",
                        Set.of(),
                        BenignScenarios::rateModel),
                new Scenario(
                        "reserve-factor-change",
                        "LendingMarket reserve factor, draft",
                        Set.of(),
                        BenignScenarios::reserveFactor),
                new Scenario(
                        "small-grant",
                        "1 % of the treasury to an outside grantee",
                        Set.of(),
                        BenignScenarios::smallGrant),
                new Scenario(
                        "upgrade-to-reviewed-implementation",
                        "UUPS upgrade to allowlisted code",
                        Set.of(),
                        BenignScenarios::reviewedUpgrade),
                new Scenario(
                        "role-rotation-to-timelock",
                        "minter role moved from an EOA to the timelock",
                        Set.of(),
                        BenignScenarios::roleRotation),
                new Scenario(
                        "timelock-delay-change",
                        "timelock delay raised through a voted proposal",
                        Set.of(),
                        BenignScenarios::timelockDelayChange),
                new Scenario(
                        "dao-multisig-as-guardian",
                        "guardian role to the DAO's own multisig",
                        Set.of(),
                        BenignScenarios::guardianMultisig),
                new Scenario(
                        "batched-approve-and-supply",
                        "dependent operations in one batch",
                        Set.of(),
                        BenignScenarios::batchedSupply),
                new Scenario(
                        "quorum-change-via-proposal",
                        "governor quorum raised through a voted proposal",
                        Set.of(),
                        BenignScenarios::quorumChange));
    }

    private static Staged rateModel(ScenarioChain c) {
        List<Call> calls = List.of(new Call(
                c.dao.market(), fn("setRateModel", uint(pct(2)), uint(pct(10)), uint(pct(100)), uint(pct(80)))));
        String description = "Steepen the lending market's jump multiplier: setRateModel with base 2 %, multiplier "
                + "10 %, jump multiplier 100 %, kink 80 %";
        BigInteger id = c.propose(1, c.dao.governor(), calls, description);
        c.startVoting();
        c.vote(1, c.dao.governor(), id, 1);
        c.vote(2, c.dao.governor(), id, 1);
        c.vote(3, c.dao.governor(), id, 2);
        c.endVoting();
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    private static Staged reserveFactor(ScenarioChain c) {
        return draft(
                c,
                "Set the reserve factor of the lending market to 15 %",
                new Call(c.dao.market(), fn("setReserveFactor", uint(pct(15)))));
    }

    private static Staged smallGrant(ScenarioChain c) {
        String grantee = c.address(4);
        return draft(
                c,
                "Grant 10,000 dUSD (transfer) to the auditor " + grantee + " for the lending market review",
                new Call(c.dao.asset(), fn("transfer", addr(grantee), uint(tokens(10_000)))));
    }

    private static Staged reviewedUpgrade(ScenarioChain c) {
        String v1 = c.deploy(0, "TreasuryModuleV1");
        String proxy = c.deploy(
                0, "ScenarioProxy", addr(v1), bytes(fn("initialize", addr(c.dao.timelock()), uint(tokens(10_000)))));
        String v2 = c.deploy(0, "TreasuryModuleV2");
        Staged staged = draft(
                c,
                "Upgrade the treasury module " + proxy + " to the reviewed implementation " + v2
                        + " (upgradeToAndCall + initializeV2)",
                new Call(proxy, fn("upgradeToAndCall", addr(v2), bytes(fn("initializeV2")))));
        return new Staged(staged.proposal(), ScenarioChain.settings(Set.of(), Set.of(c.codeHash(v2))));
    }

    private static Staged roleRotation(ScenarioChain c) {
        String oldMinter = c.address(4);
        String timelock = c.dao.timelock();
        String module = c.deploy(0, "GuardedModule", addr(timelock), addr(oldMinter));
        return draft(
                c,
                "Rotate the minter role of " + module + ": grantRole to the timelock " + timelock
                        + ", then revokeRole from the old minter " + oldMinter,
                new Call(module, fn("grantRole", role("MINTER_ROLE"), addr(timelock))),
                new Call(module, fn("revokeRole", role("MINTER_ROLE"), addr(oldMinter))));
    }

    /** A governance-settings change made the proper way: the timelock's own delay. */
    private static Staged timelockDelayChange(ScenarioChain c) {
        List<Call> calls = List.of(new Call(c.dao.timelock(), fn("updateDelay", uint(BigInteger.valueOf(3 * 86_400)))));
        String description =
                "Raise the timelock delay from two to three days (updateDelay on " + c.dao.timelock() + ")";
        BigInteger id = c.propose(2, c.dao.governor(), calls, description);
        c.startVoting();
        for (int a = 1; a <= 3; a++) {
            c.vote(a, c.dao.governor(), id, 1);
        }
        c.endVoting();
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    /**
     * The governor's quorum raised by the governor's own proposal. updateQuorumNumerator is onlyGovernance:
     * OpenZeppelin accepts it from the timelock only while the governor is executing that very proposal, so it passes
     * only when the engine executes the proposal through the governor (queue, execute), as on chain.
     */
    private static Staged quorumChange(ScenarioChain c) {
        List<Call> calls =
                List.of(new Call(c.dao.governor(), fn("updateQuorumNumerator", uint(BigInteger.valueOf(5)))));
        String description = "Raise the quorum from 4 % to 5 % of the supply (updateQuorumNumerator on the governor "
                + c.dao.governor() + ")";
        BigInteger id = c.propose(2, c.dao.governor(), calls, description);
        c.startVoting();
        for (int a = 1; a <= 3; a++) {
            c.vote(a, c.dao.governor(), id, 1);
        }
        c.endVoting();
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    private static Staged guardianMultisig(ScenarioChain c) {
        String multisig =
                c.deploy(0, "SimpleMultisig", ScenarioChain.addresses(c.address(1), c.address(2), c.address(3)));
        String module = c.deploy(0, "GuardedModule", addr(c.dao.timelock()), addr(c.dao.timelock()));
        Staged staged = draft(
                c,
                "Add the DAO's security multisig " + multisig + " as guardian (grantRole " + "GUARDIAN_ROLE) on "
                        + module,
                new Call(module, fn("grantRole", role("GUARDIAN_ROLE"), addr(multisig))));
        return new Staged(staged.proposal(), ScenarioChain.settings(Set.of(multisig), Set.of()));
    }

    private static Staged batchedSupply(ScenarioChain c) {
        String market = c.dao.market();
        return draft(
                c,
                "Supply 100,000 dUSD of the treasury to the lending market " + market
                        + ": approve, then supply, in one batch",
                new Call(c.dao.asset(), fn("approve", addr(market), uint(tokens(100_000)))),
                new Call(market, fn("supply", uint(tokens(100_000)))));
    }
}
