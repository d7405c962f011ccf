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
 * Proposals described in prose, as delegates write them: the description names no selector and no target, and C9
 * must judge it by what the execution did. Benign ones say in words what happens; attacks say something else.
 */
final class DescriptionScenarios {
    private static final BigInteger USDC = BigInteger.TEN.pow(6);

    private DescriptionScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "prose-price-oracle-switch",
                        "Compound-style _setPriceOracle on a comptroller no bundled ABI knows, told in words",
                        Set.of(),
                        DescriptionScenarios::oracleSwitch),
                new Scenario(
                        "prose-exact-amount-approval",
                        "exact-amount approval of 50,000 USDC (6 decimals) to the DAO's grants multisig",
                        Set.of(),
                        DescriptionScenarios::exactApproval),
                new Scenario(
                        "prose-three-action-proposal",
                        "markdown list of three actions: parameter, payment, approval",
                        Set.of(),
                        DescriptionScenarios::threeActions),
                new Scenario(
                        "promised-transfer-moves-nothing",
                        "2,000,000 USDC promised to the grants multisig over a call that moves nothing",
                        Set.of("C9"),
                        DescriptionScenarios::promisedTransfer),
                new Scenario(
                        "undisclosed-extra-transfer",
                        "a disclosed grant and a second, unmentioned transfer to another account",
                        Set.of("C9"),
                        DescriptionScenarios::extraTransfer),
                new Scenario(
                        "exact-amount-approval-unlimited",
                        "described as an exact-amount approval, executed as an unlimited one",
                        Set.of("C9"),
                        DescriptionScenarios::unlimitedApproval),
                new Scenario(
                        "look-alike-recipient",
                        "the description names an address sharing the recipient's first and last hex digits",
                        Set.of("C9"),
                        DescriptionScenarios::lookAlike));
    }

    private static BigInteger usdc(long n) {
        return BigInteger.valueOf(n).multiply(USDC);
    }

    /** A six-decimal stablecoin with 2,000,000 in the timelock. */
    private static String stablecoin(ScenarioChain c) {
        String token = c.deploy(0, "ScenarioStablecoin");
        c.send(0, token, fn("mint", addr(c.dao.timelock()), uint(usdc(2_000_000))));
        return token;
    }

    private static String multisig(ScenarioChain c) {
        return c.deploy(0, "SimpleMultisig", ScenarioChain.addresses(c.address(1), c.address(2), c.address(3)));
    }

    private static Staged oracleSwitch(ScenarioChain c) {
        String timelock = c.dao.timelock();
        String oldOracle = c.deploy(0, "OwnedPriceOracle", addr(timelock), uint(tokens(2_000)));
        String newOracle = c.deploy(0, "OwnedPriceOracle", addr(timelock), uint(tokens(2_010)));
        String comptroller = c.deploy(0, "ProseComptroller", addr(timelock), addr(oldOracle));
        return draft(
                c,
                "## Oracle migration\n\nThe current feed has been deprecated by its operator. Switch the Comptroller's"
                        + " price oracle to the new feed oracle at " + newOracle + ", which the risk team has"
                        + " reviewed.",
                new Call(comptroller, fn("_setPriceOracle", addr(newOracle))));
    }

    private static Staged exactApproval(ScenarioChain c) {
        String token = stablecoin(c);
        String grants = multisig(c);
        Staged staged = draft(
                c,
                "# Q1 grants round\n\nAn exact-amount approval of 50,000 USDC to the grants multisig " + grants
                        + ", which pays the round's recipients from it.",
                new Call(token, fn("approve", addr(grants), uint(usdc(50_000)))));
        return new Staged(staged.proposal(), ScenarioChain.settings(Set.of(grants), Set.of()));
    }

    private static Staged threeActions(ScenarioChain c) {
        String auditor = c.address(4);
        String market = c.dao.market();
        return draft(
                c,
                "# Market maintenance\n\nThis proposal has three actions:\n\n"
                        + "1. Set the reserve factor of the lending market to 12%.\n"
                        + "2. Pay 25,000 dUSD to the auditor " + auditor + " for the market review.\n"
                        + "3. Approve 100,000 dUSD for the lending market " + market + " so it can draw the"
                        + " treasury's supply.\n",
                new Call(market, fn("setReserveFactor", uint(pct(12)))),
                new Call(c.dao.asset(), fn("transfer", addr(auditor), uint(tokens(25_000)))),
                new Call(c.dao.asset(), fn("approve", addr(market), uint(tokens(100_000)))));
    }

    private static Staged promisedTransfer(ScenarioChain c) {
        stablecoin(c);
        String grants = multisig(c);
        String module = c.deploy(0, "GrantsModule", addr(c.dao.timelock()));
        return draft(
                c,
                "Fund the grants program: transfer 2,000,000 USDC from the treasury to the grants multisig " + grants
                        + " through the grants module.",
                new Call(module, fn("payout")));
    }

    private static Staged extraTransfer(ScenarioChain c) {
        String auditor = c.address(4);
        return draft(
                c,
                "Grant 10,000 dUSD to the auditor " + auditor + " for the lending market review.",
                new Call(c.dao.asset(), fn("transfer", addr(auditor), uint(tokens(10_000)))),
                new Call(c.dao.asset(), fn("transfer", addr(c.address(9)), uint(tokens(40_000)))));
    }

    private static Staged unlimitedApproval(ScenarioChain c) {
        String token = stablecoin(c);
        String grants = multisig(c);
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        return draft(
                c,
                "# Q1 grants round\n\nAn exact-amount approval of 50,000 USDC to the grants multisig " + grants + ".",
                new Call(token, fn("approve", addr(grants), uint(max))));
    }

    private static Staged lookAlike(ScenarioChain c) {
        String used = c.address(9);
        String middle = used.substring(6, 38);
        String flipped = middle.chars()
                .mapToObj(ch -> String.valueOf(ch == '0' ? '1' : '0'))
                .reduce("", String::concat);
        String said = used.substring(0, 6) + flipped + used.substring(38);
        return draft(
                c,
                "Grant 10,000 dUSD to the auditor " + said + " for the lending market review.",
                new Call(c.dao.asset(), fn("transfer", addr(used), uint(tokens(10_000)))));
    }
}
