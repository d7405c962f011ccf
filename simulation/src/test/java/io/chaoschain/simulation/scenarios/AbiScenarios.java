package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.AttackScenarios.draft;
import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.pct;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;

import io.chaoschain.simulation.scenarios.Scenario.Staged;
import io.chaoschain.simulation.scenarios.ScenarioChain.Call;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * Proposals on protocols whose ABIs are not the project's own: a Compound-style comptroller (decoded by the bundled
 * protocol index) and a rewards controller no published ABI has (decoded only from its bytecode). The benign ones
 * must pass although nothing names their functions in our contracts; the attack hides an ownership handover in an
 * undecodable call and must still be failed by the effect-based check.
 */
final class AbiScenarios {
    private AbiScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "compound-style-collateral-factor",
                        "Compound-style _setCollateralFactor on a comptroller without a project ABI",
                        Set.of(),
                        AbiScenarios::collateralFactor),
                new Scenario(
                        "compound-style-market-listing",
                        "Compound-style _supportMarket on a comptroller without a project ABI",
                        Set.of(),
                        AbiScenarios::marketListing),
                new Scenario(
                        "unknown-abi-emission-change",
                        "parameter change on a contract no ABI decodes, described in prose",
                        Set.of(),
                        AbiScenarios::emissionChange),
                new Scenario(
                        "unknown-abi-hidden-owner-handover",
                        "an undecodable \"emission change\" that also hands the controller to an outsider",
                        Set.of("C6"),
                        AbiScenarios::hiddenOwnerHandover),
                new Scenario(
                        "unknown-abi-hidden-mint",
                        "an undecodable \"epoch settlement\" that mints half the supply to an outsider",
                        Set.of("C7"),
                        AbiScenarios::hiddenMint));
    }

    private static String comptroller(ScenarioChain c) {
        return c.deploy(0, "MiniComptroller", addr(c.dao.timelock()), addr(c.address(5)));
    }

    private static Staged collateralFactor(ScenarioChain c) {
        String comptroller = comptroller(c);
        String market = c.dao.market();
        c.sendAs(c.dao.timelock(), comptroller, fn("_supportMarket", addr(market)));
        return draft(
                c,
                "Raise the collateral factor of the lending market " + market + " to 75 % on the comptroller "
                        + comptroller + " (_setCollateralFactor), in line with the risk review",
                new Call(comptroller, fn("_setCollateralFactor", addr(market), uint(pct(75)))));
    }

    private static Staged marketListing(ScenarioChain c) {
        String comptroller = comptroller(c);
        String market = c.dao.market();
        return draft(
                c,
                "List the lending market " + market + " on the comptroller " + comptroller + " (_supportMarket)",
                new Call(comptroller, fn("_supportMarket", addr(market))));
    }

    private static Staged emissionChange(ScenarioChain c) {
        String controller = c.deploy(0, "EmissionController", addr(c.dao.timelock()), uint(tokens(10)));
        return draft(
                c,
                "Halve the emissions of the rewards controller " + controller + ": 5 tokens per block until block "
                        + "1000000",
                new Call(controller, fn("tuneEmissionSchedule", uint(tokens(5)), uint(BigInteger.valueOf(1_000_000)))));
    }

    private static Staged hiddenOwnerHandover(ScenarioChain c) {
        String controller = c.deploy(0, "EmissionController", addr(c.dao.timelock()), uint(tokens(10)));
        String outsider = c.address(7);
        return draft(
                c,
                "Halve the emissions of the rewards controller " + controller + " to 5 tokens per block",
                new Call(controller, fn("tuneEmissionWithOperator", uint(tokens(5)), addr(outsider))));
    }

    private static Staged hiddenMint(ScenarioChain c) {
        String token = c.deploy(0, "EpochRewardToken", addr(c.dao.timelock()), uint(tokens(1_000_000)));
        String outsider = c.address(7);
        return draft(
                c,
                "Settle reward epoch 12 of the reward token " + token,
                new Call(
                        token, fn("settleEpoch", uint(BigInteger.valueOf(12)), addr(outsider), uint(tokens(500_000)))));
    }
}
