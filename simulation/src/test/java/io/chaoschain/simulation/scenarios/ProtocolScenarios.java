package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.AttackScenarios.draft;
import static io.chaoschain.simulation.scenarios.ScenarioChain.WAD;
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
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Proposals on a Compound-style lending protocol (contracts/scenarios/LendingProtocols.sol) whose ABI the tool does
 * not ship, and on an Aave-style pool, judged by C8 and C10 without any configuration. Every scenario first plays the protocol's history: two
 * markets (pUSD and pETH), suppliers (dev accounts 4 and 6), a borrower (5), supply rewards accrued, and every admin
 * handed to the DAO's timelock.
 */
final class ProtocolScenarios {
    private static final BigInteger FEED_UNIT = BigInteger.TEN.pow(8);

    private ProtocolScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "compound-117-oracle-without-a-market-price",
                        "Compound Proposal 117, September 2022",
                        Set.of("C8"),
                        ProtocolScenarios::oracleWithoutPrice),
                new Scenario(
                        "compound-62-reward-accounting",
                        "Compound Proposal 62, September 2021",
                        Set.of("C8"),
                        ProtocolScenarios::rewardAccounting),
                new Scenario(
                        "collateral-on-feed-anyone-writes",
                        "collateral priced by an unguarded feed",
                        Set.of("C10"),
                        ProtocolScenarios::unguardedFeed),
                new Scenario(
                        "collateral-on-thin-amm-spot-price",
                        "Mango Markets, October 2022 (spot price of a thin pool)",
                        Set.of("C10"),
                        ProtocolScenarios::thinSpotPrice),
                new Scenario(
                        "aave-asset-source-not-answering",
                        "an Aave-style asset source moved to a feed that has not answered yet",
                        Set.of("C8"),
                        ProtocolScenarios::sourceNotAnswering),
                new Scenario(
                        "aave-asset-source-anyone-writes",
                        "an Aave-style asset source moved to an unguarded feed",
                        Set.of("C10"),
                        ProtocolScenarios::unguardedAssetSource),
                new Scenario(
                        "lending-collateral-factor-change",
                        "Comptroller collateral factor lowered, draft",
                        Set.of(),
                        ProtocolScenarios::collateralFactorChange),
                new Scenario(
                        "lending-oracle-switch-to-operated-feeds",
                        "Comptroller oracle switched to operated per-asset feeds, draft",
                        Set.of(),
                        ProtocolScenarios::soundFeedSwitch),
                new Scenario(
                        "lending-market-reserve-factor-change",
                        "market reserve factor raised, draft",
                        Set.of(),
                        ProtocolScenarios::reserveFactorChange),
                new Scenario(
                        "aave-reserve-collateral-change",
                        "an Aave-style reserve's LTV and liquidation threshold lowered, draft",
                        Set.of(),
                        ProtocolScenarios::reserveCollateralChange));
    }

    /** The deployed protocol. */
    record Protocol(String comptroller, String oracle, String cUsd, String cEth, String usd, String eth) {}

    /**
     * Deploys and uses the protocol. With {@code spotPricedEth} the oracle prices pETH from a 10 pETH / 20,000 pUSD
     * pair and pETH is not yet collateral; otherwise the owner posts both prices and pETH backs a 50,000 pUSD loan.
     */
    static Protocol protocol(ScenarioChain c, boolean spotPricedEth) {
        String deployer = c.address(0);
        String usd = c.deploy(0, "ProtocolToken", new Utf8String("Protocol USD"), new Utf8String("pUSD"));
        String eth = c.deploy(0, "ProtocolToken", new Utf8String("Protocol ETH"), new Utf8String("pETH"));
        String comp = c.deploy(0, "ProtocolToken", new Utf8String("Protocol Reward"), new Utf8String("pCOMP"));
        String oracle = c.deploy(0, spotPricedEth ? "FeedPriceOracle" : "SimplePriceOracle", addr(deployer));
        String comptroller = c.deploy(0, "Comptroller", addr(deployer), addr(oracle), addr(comp));
        String cUsd = market(c, "cUSD", usd, comptroller);
        String cEth = market(c, "cETH", eth, comptroller);
        c.send(0, comptroller, fn("_supportMarket", addr(cUsd)));
        c.send(0, comptroller, fn("_supportMarket", addr(cEth)));
        if (spotPricedEth) {
            String usdFeed = c.deploy(0, "OperatedFeed", addr(deployer), new Int256(FEED_UNIT));
            String pair = c.deploy(0, "SpotPair", addr(eth), addr(usd));
            c.send(0, eth, fn("mint", addr(pair), uint(tokens(10))));
            c.send(0, usd, fn("mint", addr(pair), uint(tokens(20_000))));
            c.send(0, pair, fn("sync"));
            String spotFeed = c.deploy(0, "SpotPriceFeed", addr(pair));
            c.send(0, oracle, fn("setFeed", addr(cUsd), addr(usdFeed)));
            c.send(0, oracle, fn("setFeed", addr(cEth), addr(spotFeed)));
        } else {
            c.send(0, oracle, fn("setUnderlyingPrice", addr(cUsd), uint(WAD)));
            c.send(0, oracle, fn("setUnderlyingPrice", addr(cEth), uint(tokens(2_000))));
        }
        c.send(0, comptroller, fn("_setCollateralFactor", addr(cUsd), uint(pct(80))));
        if (!spotPricedEth) {
            c.send(0, comptroller, fn("_setCollateralFactor", addr(cEth), uint(pct(75))));
        }
        supply(c, 4, usd, cUsd, tokens(1_000_000), tokens(500_000));
        supply(c, 6, usd, cUsd, tokens(10_000), tokens(10_000));
        supply(c, 5, eth, cEth, tokens(100), tokens(100));
        if (!spotPricedEth) {
            c.send(5, cUsd, fn("borrow", uint(tokens(50_000))));
            c.send(5, usd, fn("approve", addr(cUsd), uint(tokens(1_000_000))));
        }
        // 10,000 pCOMP of rewards; one hundredth of a pCOMP per supplied token accrued so far (5,101 in all)
        c.send(0, comp, fn("mint", addr(comptroller), uint(tokens(10_000))));
        c.send(0, comptroller, fn("_setCompSupplyIndex", uint(WAD.add(pct(1)))));
        String timelock = c.dao.timelock();
        c.send(0, comptroller, fn("_setAdmin", addr(timelock)));
        c.send(0, cUsd, fn("_setAdmin", addr(timelock)));
        c.send(0, cEth, fn("_setAdmin", addr(timelock)));
        c.send(0, oracle, fn("transferOwnership", addr(timelock)));
        return new Protocol(comptroller, oracle, cUsd, cEth, usd, eth);
    }

    /** The Aave-style pool, its addresses provider and oracle. */
    record Pool(String pool, String provider, String oracle, String usd, String eth) {}

    /**
     * Deploys and uses the Aave-style pool: pUSD and pETH reserves on operated feeds, dev account 4 supplies
     * 500,000 pUSD, account 5 supplies 100 pETH and borrows 50,000 pUSD; the DAO's timelock then owns everything.
     */
    static Pool reservePool(ScenarioChain c) {
        String deployer = c.address(0);
        String usd = c.deploy(0, "ProtocolToken", new Utf8String("Protocol USD"), new Utf8String("pUSD"));
        String eth = c.deploy(0, "ProtocolToken", new Utf8String("Protocol ETH"), new Utf8String("pETH"));
        String provider = c.deploy(0, "PoolAddressesProvider", addr(deployer));
        String oracle = c.deploy(0, "AssetPriceOracle", addr(provider), addr(deployer));
        String usdFeed = c.deploy(0, "OperatedFeed", addr(c.address(7)), new Int256(FEED_UNIT));
        String ethFeed = c.deploy(
                0, "OperatedFeed", addr(c.address(7)), new Int256(FEED_UNIT.multiply(BigInteger.valueOf(2_000))));
        c.send(
                0,
                oracle,
                fn("setAssetSources", ScenarioChain.addresses(usd, eth), ScenarioChain.addresses(usdFeed, ethFeed)));
        String pool = c.deploy(0, "ReservePool", addr(provider), addr(deployer));
        c.send(0, provider, fn("setPool", addr(pool)));
        c.send(0, provider, fn("setPriceOracle", addr(oracle)));
        c.send(0, pool, fn("initReserve", addr(usd)));
        c.send(0, pool, fn("initReserve", addr(eth)));
        c.send(0, pool, fn("configureReserveAsCollateral", addr(usd), bps(8_000), bps(8_500), bps(10_500)));
        c.send(0, pool, fn("configureReserveAsCollateral", addr(eth), bps(7_500), bps(8_000), bps(10_500)));
        poolSupply(c, 4, usd, pool, tokens(1_000_000), tokens(500_000));
        poolSupply(c, 5, eth, pool, tokens(100), tokens(100));
        c.send(
                5,
                pool,
                fn("borrow", addr(usd), uint(tokens(50_000)), uint(BigInteger.TWO), new Uint16(0), addr(c.address(5))));
        c.send(5, usd, fn("approve", addr(pool), uint(tokens(1_000_000))));
        String timelock = c.dao.timelock();
        c.send(0, provider, fn("transferOwnership", addr(timelock)));
        c.send(0, oracle, fn("transferOwnership", addr(timelock)));
        c.send(0, pool, fn("setAdmin", addr(timelock)));
        return new Pool(pool, provider, oracle, usd, eth);
    }

    private static Uint256 bps(long n) {
        return uint(BigInteger.valueOf(n));
    }

    private static void poolSupply(
            ScenarioChain c, int account, String token, String pool, BigInteger minted, BigInteger supplied) {
        c.send(0, token, fn("mint", addr(c.address(account)), uint(minted)));
        c.send(account, token, fn("approve", addr(pool), uint(minted.multiply(BigInteger.TWO))));
        c.send(account, pool, fn("supply", addr(token), uint(supplied), addr(c.address(account)), new Uint16(0)));
    }

    private static Staged sourceNotAnswering(ScenarioChain c) {
        Pool p = reservePool(c);
        String feed = c.deploy(0, "OperatedFeed", addr(c.address(7)), new Int256(BigInteger.ZERO));
        return draft(
                c,
                "Move the price source of pETH " + p.eth() + " on the pool oracle " + p.oracle()
                        + " to the operated feed " + feed + " (setAssetSources).",
                new Call(
                        p.oracle(),
                        fn("setAssetSources", ScenarioChain.addresses(p.eth()), ScenarioChain.addresses(feed))));
    }

    private static Staged unguardedAssetSource(ScenarioChain c) {
        Pool p = reservePool(c);
        String feed = c.deploy(0, "UnguardedFeed", new Int256(FEED_UNIT.multiply(BigInteger.valueOf(2_000))));
        return draft(
                c,
                "Move the price source of pETH " + p.eth() + " on the pool oracle " + p.oracle() + " to the feed "
                        + feed + " (setAssetSources).",
                new Call(
                        p.oracle(),
                        fn("setAssetSources", ScenarioChain.addresses(p.eth()), ScenarioChain.addresses(feed))));
    }

    private static Staged reserveCollateralChange(ScenarioChain c) {
        Pool p = reservePool(c);
        return draft(
                c,
                "Lower the LTV of pETH " + p.eth() + " to 70 % and its liquidation threshold to 78 % on the pool "
                        + p.pool() + " (configureReserveAsCollateral).",
                new Call(
                        p.pool(),
                        fn("configureReserveAsCollateral", addr(p.eth()), bps(7_000), bps(7_800), bps(10_500))));
    }

    private static String market(ScenarioChain c, String symbol, String underlying, String comptroller) {
        return c.deploy(
                0,
                "MarketToken",
                new Utf8String("Protocol " + symbol),
                new Utf8String(symbol),
                addr(underlying),
                addr(comptroller),
                addr(c.address(0)));
    }

    private static void supply(
            ScenarioChain c, int account, String token, String market, BigInteger minted, BigInteger supplied) {
        c.send(0, token, fn("mint", addr(c.address(account)), uint(minted)));
        c.send(account, token, fn("approve", addr(market), uint(minted.multiply(BigInteger.TWO))));
        c.send(account, market, fn("mint", uint(supplied)));
    }

    /** A new oracle that the deployer (then the DAO) owns, with prices posted only for {@code priced}. */
    private static String postedOracle(ScenarioChain c, Protocol p, boolean priceEth) {
        String oracle = c.deploy(0, "SimplePriceOracle", addr(c.address(0)));
        c.send(0, oracle, fn("setUnderlyingPrice", addr(p.cUsd()), uint(WAD)));
        if (priceEth) {
            c.send(0, oracle, fn("setUnderlyingPrice", addr(p.cEth()), uint(tokens(2_000))));
        }
        c.send(0, oracle, fn("transferOwnership", addr(c.dao.timelock())));
        return oracle;
    }

    /** A feed oracle the DAO owns: pUSD on an operated feed, pETH on an operated or an unguarded one. */
    private static String feedOracle(ScenarioChain c, Protocol p, boolean unguardedEth) {
        String oracle = c.deploy(0, "FeedPriceOracle", addr(c.address(0)));
        String usdFeed = c.deploy(0, "OperatedFeed", addr(c.address(7)), new Int256(FEED_UNIT));
        Int256 ethPrice = new Int256(FEED_UNIT.multiply(BigInteger.valueOf(2_000)));
        String ethFeed = unguardedEth
                ? c.deploy(0, "UnguardedFeed", ethPrice)
                : c.deploy(0, "OperatedFeed", addr(c.address(7)), ethPrice);
        c.send(0, oracle, fn("setFeed", addr(p.cUsd()), addr(usdFeed)));
        c.send(0, oracle, fn("setFeed", addr(p.cEth()), addr(ethFeed)));
        c.send(0, oracle, fn("transferOwnership", addr(c.dao.timelock())));
        return oracle;
    }

    private static Staged oracleWithoutPrice(ScenarioChain c) {
        Protocol p = protocol(c, false);
        String oracle = postedOracle(c, p, false);
        return draft(
                c,
                "Move the Comptroller " + p.comptroller() + " to the new price oracle " + oracle
                        + " (_setPriceOracle), which posts the same prices from the same operator.",
                new Call(p.comptroller(), fn("_setPriceOracle", addr(oracle))));
    }

    private static Staged rewardAccounting(ScenarioChain c) {
        Protocol p = protocol(c, false);
        BigInteger precise = WAD.multiply(WAD);
        return draft(
                c,
                "Raise the precision of the supply reward index of the Comptroller " + p.comptroller()
                        + " to 36 decimals (_setCompSupplyIndex " + precise + "); no reward rate changes.",
                new Call(p.comptroller(), fn("_setCompSupplyIndex", uint(precise))));
    }

    private static Staged unguardedFeed(ScenarioChain c) {
        Protocol p = protocol(c, false);
        String oracle = feedOracle(c, p, true);
        return draft(
                c,
                "Price every market of the Comptroller " + p.comptroller() + " from per-asset feeds: switch its price"
                        + " oracle (_setPriceOracle) to the feed oracle " + oracle + ".",
                new Call(p.comptroller(), fn("_setPriceOracle", addr(oracle))));
    }

    private static Staged thinSpotPrice(ScenarioChain c) {
        Protocol p = protocol(c, true);
        return draft(
                c,
                "Enable pETH (market " + p.cEth() + ") as collateral at a 75 % collateral factor on the Comptroller "
                        + p.comptroller() + " (_setCollateralFactor).",
                new Call(p.comptroller(), fn("_setCollateralFactor", addr(p.cEth()), uint(pct(75)))));
    }

    private static Staged collateralFactorChange(ScenarioChain c) {
        Protocol p = protocol(c, false);
        return draft(
                c,
                "Lower the collateral factor of pETH (market " + p.cEth() + ") from 75 % to 70 % on the Comptroller "
                        + p.comptroller() + " (_setCollateralFactor).",
                new Call(p.comptroller(), fn("_setCollateralFactor", addr(p.cEth()), uint(pct(70)))));
    }

    private static Staged soundFeedSwitch(ScenarioChain c) {
        Protocol p = protocol(c, false);
        String oracle = feedOracle(c, p, false);
        return draft(
                c,
                "Price every market of the Comptroller " + p.comptroller() + " from operated per-asset feeds: switch"
                        + " its price oracle (_setPriceOracle) to the feed oracle " + oracle + ".",
                new Call(p.comptroller(), fn("_setPriceOracle", addr(oracle))));
    }

    private static Staged reserveFactorChange(ScenarioChain c) {
        Protocol p = protocol(c, false);
        return draft(
                c,
                "Raise the reserve factor of the pUSD market " + p.cUsd() + " to 15 % (_setReserveFactor).",
                new Call(p.cUsd(), fn("_setReserveFactor", uint(pct(15)))));
    }
}
