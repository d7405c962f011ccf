package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.AttackScenarios.draft;
import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.bytes;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;

import io.chaoschain.simulation.scenarios.Scenario.Staged;
import io.chaoschain.simulation.scenarios.ScenarioChain.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Upgrades judged on what the new implementation is, with no allowlist configured (contracts/scenarios/
 * UpgradesAndControl.sol), and treasury funds moved into contracts the DAO controls only indirectly. Dev accounts as
 * in {@link AttackScenarios}; 9 is the attacker.
 */
final class UpgradeControlScenarios {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";

    private UpgradeControlScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "uups-upgrade-without-allowlist",
                        "UUPS upgrade to a clean V2, no allowlist configured",
                        Set.of(),
                        UpgradeControlScenarios::cleanUups),
                new Scenario(
                        "transparent-upgrade-by-dao-proxyadmin",
                        "OpenZeppelin 5 ProxyAdmin owned by the timelock upgrades its proxy",
                        Set.of(),
                        UpgradeControlScenarios::cleanTransparent),
                new Scenario(
                        "supply-to-comptroller-listed-market",
                        "treasury supplies a market listed by the DAO-administered comptroller",
                        Set.of(),
                        UpgradeControlScenarios::supplyListedMarket),
                new Scenario(
                        "fund-module-behind-dao-proxyadmin",
                        "treasury funds a module whose ProxyAdmin the timelock owns",
                        Set.of(),
                        UpgradeControlScenarios::fundProxiedModule),
                new Scenario(
                        "uups-upgrade-unguarded-initializer",
                        "V2 whose initializer anyone may call again",
                        Set.of("C5", "C12"),
                        c -> uupsUpgrade(c, "RewardsVaultV2Unguarded", fn("initializeV2", addr(c.dao.timelock())))),
                new Scenario(
                        "uups-upgrade-storage-collision",
                        "V2 that inserts a field before the old ones",
                        Set.of("C5"),
                        c -> uupsUpgrade(c, "RewardsVaultV2Shifted", "0x")),
                new Scenario(
                        "uups-upgrade-adds-selfdestruct",
                        "V2 the owner can destroy",
                        Set.of("C5"),
                        c -> uupsUpgrade(c, "RewardsVaultV2Retirable", "0x")),
                new Scenario(
                        "uups-upgrade-adds-arbitrary-delegatecall",
                        "V2 that runs any code handed to it in the vault's storage",
                        Set.of("C5"),
                        c -> uupsUpgrade(c, "RewardsVaultV2Executor", "0x")),
                new Scenario(
                        "transparent-upgrade-hands-proxyadmin-away",
                        "upgrade batched with the ProxyAdmin's ownership moving to an outsider",
                        Set.of("C5", "C6"),
                        UpgradeControlScenarios::handsAdminAway),
                new Scenario(
                        "supply-to-outsider-administered-market",
                        "a market naming the DAO's comptroller, not listed by it, its admin an outsider",
                        Set.of("C7"),
                        UpgradeControlScenarios::supplyOutsiderMarket),
                new Scenario(
                        "list-and-supply-outsider-administered-market",
                        "the proposal lists a market whose admin is an outsider, then supplies it",
                        Set.of("C7"),
                        UpgradeControlScenarios::listAndSupplyOutsiderMarket),
                new Scenario(
                        "comptroller-pending-admin-to-outsider",
                        "Compound-style _setPendingAdmin to an outsider",
                        Set.of("C6"),
                        UpgradeControlScenarios::pendingAdminToOutsider));
    }

    /** A rewards vault behind an ERC-1967 proxy, initialized with the timelock as owner; returns the proxy. */
    private static String rewardsVault(ScenarioChain c) {
        String v1 = c.deploy(0, "RewardsVaultV1");
        return c.deploy(
                0,
                "ScenarioProxy",
                addr(v1),
                bytes(fn("initialize", addr(c.dao.timelock()), uint(BigInteger.valueOf(500)))));
    }

    private static Staged cleanUups(ScenarioChain c) {
        String proxy = rewardsVault(c);
        String v2 = c.deploy(0, "RewardsVaultV2");
        return draft(
                c,
                "Upgrade the rewards vault " + proxy + " to its V2 implementation " + v2
                        + " (upgradeToAndCall + initializeV2 with a boost of 150)",
                new Call(
                        proxy,
                        fn("upgradeToAndCall", addr(v2), bytes(fn("initializeV2", uint(BigInteger.valueOf(150)))))));
    }

    private static Staged uupsUpgrade(ScenarioChain c, String contract, String init) {
        String proxy = rewardsVault(c);
        String v2 = c.deploy(9, contract);
        return draft(
                c,
                "Upgrade the rewards vault " + proxy + " to its V2 implementation " + v2 + " (upgradeToAndCall)",
                new Call(proxy, fn("upgradeToAndCall", addr(v2), bytes(init))));
    }

    /** Fee settings behind an OpenZeppelin 5 transparent proxy whose ProxyAdmin the timelock owns. */
    private record FeeConfig(String proxy, String proxyAdmin) {}

    private static FeeConfig feeConfig(ScenarioChain c) {
        String v1 = c.deploy(0, "FeeConfigV1");
        String timelock = c.dao.timelock();
        String proxy = c.deploy(
                0,
                "ScenarioTransparentProxy",
                addr(v1),
                addr(timelock),
                bytes(fn("initialize", addr(timelock), uint(BigInteger.valueOf(30)))));
        return new FeeConfig(proxy, storageAddress(c, proxy, ADMIN_SLOT));
    }

    private static Staged cleanTransparent(ScenarioChain c) {
        FeeConfig fees = feeConfig(c);
        String v2 = c.deploy(0, "FeeConfigV2");
        return draft(
                c,
                "Through the ProxyAdmin " + fees.proxyAdmin() + ", upgradeAndCall the fee settings " + fees.proxy()
                        + " to FeeConfigV2 " + v2 + " (adds a maximum fee)",
                new Call(fees.proxyAdmin(), fn("upgradeAndCall", addr(fees.proxy()), addr(v2), bytes("0x"))));
    }

    private static Staged handsAdminAway(ScenarioChain c) {
        FeeConfig fees = feeConfig(c);
        String v2 = c.deploy(0, "FeeConfigV2");
        String outsider = c.address(9);
        return draft(
                c,
                "Through the ProxyAdmin " + fees.proxyAdmin() + ", upgradeAndCall the fee settings " + fees.proxy()
                        + " to FeeConfigV2 " + v2 + ", then transferOwnership of the ProxyAdmin to the operator "
                        + outsider,
                new Call(fees.proxyAdmin(), fn("upgradeAndCall", addr(fees.proxy()), addr(v2), bytes("0x"))),
                new Call(fees.proxyAdmin(), fn("transferOwnership", addr(outsider))));
    }

    private static Staged supplyListedMarket(ScenarioChain c) {
        String comptroller = c.deploy(0, "ScenarioComptroller", addr(c.dao.timelock()));
        String market = c.deploy(0, "ScenarioCToken", addr(c.dao.asset()), addr(comptroller), addr(ZERO));
        c.sendAs(c.dao.timelock(), comptroller, fn("_supportMarket", addr(market)));
        return supply(c, market, comptroller);
    }

    private static Staged supplyOutsiderMarket(ScenarioChain c) {
        String comptroller = c.deploy(0, "ScenarioComptroller", addr(c.dao.timelock()));
        String market = c.deploy(9, "ScenarioCToken", addr(c.dao.asset()), addr(comptroller), addr(c.address(9)));
        return supply(c, market, comptroller);
    }

    private static Staged listAndSupplyOutsiderMarket(ScenarioChain c) {
        String comptroller = c.deploy(0, "ScenarioComptroller", addr(c.dao.timelock()));
        String market = c.deploy(9, "ScenarioCToken", addr(c.dao.asset()), addr(comptroller), addr(c.address(9)));
        BigInteger amount = tokens(300_000);
        return draft(
                c,
                "List the market " + market + " on the comptroller " + comptroller + " (_supportMarket), then supply "
                        + "300,000 dUSD of the treasury to it: approve, then mint",
                new Call(comptroller, fn("_supportMarket", addr(market))),
                new Call(c.dao.asset(), fn("approve", addr(market), uint(amount))),
                new Call(market, fn("mint", uint(amount))));
    }

    private static Staged pendingAdminToOutsider(ScenarioChain c) {
        String comptroller = c.deploy(0, "ScenarioComptroller", addr(c.dao.timelock()));
        String outsider = c.address(9);
        return draft(
                c,
                "Set the pending admin of the comptroller " + comptroller + " to " + outsider + " (_setPendingAdmin)",
                new Call(comptroller, fn("_setPendingAdmin", addr(outsider))));
    }

    private static Staged fundProxiedModule(ScenarioChain c) {
        FeeConfig fees = feeConfig(c);
        return draft(
                c,
                "Transfer 100,000 dUSD of the treasury to the fee module " + fees.proxy() + " (its ProxyAdmin "
                        + fees.proxyAdmin() + " is owned by the timelock)",
                new Call(c.dao.asset(), fn("transfer", addr(fees.proxy()), uint(tokens(100_000)))));
    }

    private static Staged supply(ScenarioChain c, String market, String comptroller) {
        BigInteger amount = tokens(300_000);
        return draft(
                c,
                "Supply 300,000 dUSD of the treasury to the market " + market + " of the comptroller " + comptroller
                        + ": approve, then mint",
                new Call(c.dao.asset(), fn("approve", addr(market), uint(amount))),
                new Call(market, fn("mint", uint(amount))));
    }

    private static String storageAddress(ScenarioChain c, String contract, String slot) {
        try {
            String word = c.devnet
                    .web3j()
                    .ethGetStorageAt(contract, Numeric.toBigInt(slot), DefaultBlockParameterName.LATEST)
                    .send()
                    .getData();
            return ("0x" + Numeric.cleanHexPrefix(word).substring(24)).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
