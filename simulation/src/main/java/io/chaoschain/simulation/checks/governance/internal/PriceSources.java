package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * C10's view of the price behind every collateral or price parameter a proposal touches on a Compound-style
 * protocol. The parameters: {@code _setCollateralFactor(cToken, cf)} and {@code _supportMarket(cToken)} (that market),
 * {@code _setPriceOracle(oracle)} (every market with a collateral factor), an oracle's {@code setFeed(cToken, feed)}
 * (that market). Each market's sources: the Comptroller's {@code oracle()} after the proposal, the per-asset feed it
 * names ({@code feeds}, {@code getFeed}, {@code priceFeeds}, {@code getSourceOfAsset} of the market or its underlying)
 * and the AMM pair behind a feed ({@code pair()} or {@code pool()}).
 *
 * <p>A source is writable by anyone when a setter whose selector is in its code ({@link #SETTERS}) succeeds as an
 * {@code eth_call} from an unrelated address. An AMM pair is thin when its reserves of the market's underlying, valued
 * at the oracle's price and doubled for both sides, are worth less than the cash the protocol's other markets would
 * lend against it.
 *
 * <p>On an Aave-style pool ({@link ReservePools}) the parameters are the oracle's
 * {@code setAssetSources(assets, sources)} and {@code configureReserveAsCollateral(asset, ltv, ...)} with a non-zero
 * LTV; the sources are the provider's {@code getPriceOracle()} and its {@code getSourceOfAsset(asset)}, tried for
 * writability the same way (AMM depth is judged on Compound-style markets only).
 */
public final class PriceSources {
    /** Setter signatures tried on a source; arguments are the market, its underlying or a price of 1. */
    static final List<String> SETTERS = List.of(
            "setPrice(uint256)",
            "updatePrice(uint256)",
            "setAnswer(int256)",
            "updateAnswer(int256)",
            "setLatestAnswer(int256)",
            "setPrice(address,uint256)",
            "setUnderlyingPrice(address,uint256)",
            "setDirectPrice(address,uint256)",
            "setFeed(address,address)");

    private static final List<String> FEED_VIEWS =
            List.of("feeds(address)", "getFeed(address)", "priceFeeds(address)", "getSourceOfAsset(address)");
    private static final Map<String, String> MARKET_PARAMETERS = Map.of(
            Evm.selector("_setCollateralFactor(address,uint256)"), "collateral factor",
            Evm.selector("_supportMarket(address)"), "market listing",
            Evm.selector("setFeed(address,address)"), "price feed");
    private static final String SET_ORACLE = Evm.selector("_setPriceOracle(address)");
    private static final String SET_ASSET_SOURCES = Evm.selector("setAssetSources(address[],address[])");
    private static final String CONFIGURE_COLLATERAL =
            Evm.selector("configureReserveAsCollateral(address,uint256,uint256,uint256)");

    private final SimulationEvidence e;
    private final Findings f;
    private final long post;

    public PriceSources(SimulationEvidence e, Findings f) {
        this.e = e;
        this.f = f;
        this.post = e.fork().postBlock();
    }

    /** Examines every touched parameter's price sources; returns how many sources were examined. */
    public int run() {
        Map<String, Set<String>> affected = affectedMarkets();
        int sources = 0;
        for (Map.Entry<String, Set<String>> c : affected.entrySet()) {
            String comptroller = c.getKey();
            Optional<String> oracle = LendingMarkets.oracle(e.fork(), comptroller, post);
            if (oracle.isEmpty()) {
                continue;
            }
            for (String market : c.getValue()) {
                Optional<String> underlying = LendingMarkets.underlying(e.fork(), market, post);
                for (String source : sources(oracle.get(), market, underlying)) {
                    sources++;
                    writable(source, "market " + market, market, underlying);
                    thin(comptroller, source, market, underlying);
                }
            }
        }
        for (Map.Entry<String, Set<String>> p : affectedReserves().entrySet()) {
            Optional<String> oracle = ReservePools.oracle(e.fork(), p.getKey(), post);
            if (oracle.isEmpty()) {
                continue;
            }
            for (String asset : p.getValue()) {
                for (String source : sources(oracle.get(), asset, Optional.empty())) {
                    sources++;
                    writable(source, "reserve " + asset, asset, Optional.empty());
                }
            }
        }
        return sources;
    }

    /** Aave-style pool → reserves whose price source ({@code setAssetSources}) or collateral use the proposal sets. */
    private Map<String, Set<String>> affectedReserves() {
        ForkView fork = e.fork();
        List<String> pools = ReservePools.pools(e);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (pools.isEmpty()) {
            return out;
        }
        for (ActionExecution a : e.actions()) {
            String target = a.action().target().toLowerCase(Locale.ROOT);
            String data = a.action().calldata().toLowerCase(Locale.ROOT);
            String selector = data.length() >= 10 ? data.substring(0, 10) : "0x";
            Optional<String> pool = Evm.address(fork, target, Evm.encode("ADDRESSES_PROVIDER()"), post)
                    .flatMap(p -> Evm.address(fork, p, Evm.encode("getPool()"), post))
                    .or(() -> Optional.of(target))
                    .filter(pools::contains);
            if (pool.isEmpty()) {
                continue;
            }
            List<String> assets = List.of();
            if (selector.equals(SET_ASSET_SOURCES)) {
                assets = LendingMarkets.addressArray("0x" + data.substring(10));
            } else if (selector.equals(CONFIGURE_COLLATERAL) && data.length() >= 138) {
                String args = "0x" + data.substring(10);
                assets = Evm.word(args, 1).signum() > 0 ? List.of(Evm.addressAt(args, 0)) : List.of();
            }
            for (String asset : assets) {
                out.computeIfAbsent(pool.get(), k -> new LinkedHashSet<>()).add(asset);
                f.note("price source or collateral use of reserve " + asset + " touched (action " + a.index() + ")");
            }
        }
        return out;
    }

    /** Comptroller → markets whose collateral or price parameters the proposal touches. */
    private Map<String, Set<String>> affectedMarkets() {
        ForkView fork = e.fork();
        List<String> comptrollers = LendingMarkets.comptrollers(e);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ActionExecution a : e.actions()) {
            String target = a.action().target().toLowerCase(Locale.ROOT);
            String data = a.action().calldata();
            String selector = data.length() >= 10 ? data.substring(0, 10).toLowerCase(Locale.ROOT) : "0x";
            if (selector.equals(SET_ORACLE) && comptrollers.contains(target)) {
                for (String m : LendingMarkets.markets(fork, target, post)) {
                    if (LendingMarkets.collateralFactor(fork, target, m, post).signum() > 0) {
                        out.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(m);
                    }
                }
            } else if (MARKET_PARAMETERS.containsKey(selector) && data.length() >= 74) {
                String market = Evm.addressAt("0x" + data.substring(10), 0);
                for (String c : comptrollers) {
                    boolean owns = c.equals(target)
                            || LendingMarkets.oracle(fork, c, post)
                                    .filter(target::equals)
                                    .isPresent();
                    if (owns && LendingMarkets.markets(fork, c, post).contains(market)) {
                        out.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(market);
                        f.note(MARKET_PARAMETERS.get(selector) + " of market " + market + " touched (action "
                                + a.index() + ")");
                    }
                }
            }
        }
        return out;
    }

    private List<String> sources(String oracle, String market, Optional<String> underlying) {
        ForkView fork = e.fork();
        Set<String> out = new LinkedHashSet<>();
        out.add(oracle);
        List<String> keys = new ArrayList<>();
        keys.add(market);
        underlying.ifPresent(keys::add);
        for (String view : FEED_VIEWS) {
            for (String key : keys) {
                Evm.address(fork, oracle, Evm.encode(view, key), post)
                        .filter(a -> !a.equals(Evm.ZERO_ADDRESS))
                        .filter(a -> Evm.hasCode(fork, a, post))
                        .ifPresent(out::add);
            }
        }
        for (String s : List.copyOf(out)) {
            for (String view : List.of("pair()", "pool()")) {
                Evm.address(fork, s, Evm.encode(view), post)
                        .filter(a -> !a.equals(Evm.ZERO_ADDRESS))
                        .filter(a -> Evm.hasCode(fork, a, post))
                        .ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    private void writable(String source, String subject, String market, Optional<String> underlying) {
        String code = Evm.stripMetadata(e.fork().code(source, post));
        if (code == null) {
            return;
        }
        String body = code.toLowerCase(Locale.ROOT);
        for (String setter : SETTERS) {
            String selector = Evm.selector(setter);
            if (!body.contains("63" + selector.substring(2))) {
                continue;
            }
            for (Object[] args : arguments(setter, market, underlying)) {
                if (Evm.call(e.fork(), Evm.STRANGER, source, Evm.encode(setter, args), post)
                        .isPresent()) {
                    f.fail("the price source " + source + " of " + subject + " is writable by anyone: " + setter
                            + " from an unrelated address succeeds");
                    return;
                }
            }
        }
    }

    private static List<Object[]> arguments(String setter, String market, Optional<String> underlying) {
        if (setter.equals("setFeed(address,address)")) {
            return List.<Object[]>of(new Object[] {market, Evm.STRANGER});
        }
        if (!setter.contains("address")) {
            return List.<Object[]>of(new Object[] {BigInteger.ONE});
        }
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {market, BigInteger.ONE});
        underlying.ifPresent(u -> out.add(new Object[] {u, BigInteger.ONE}));
        return out;
    }

    private void thin(String comptroller, String source, String market, Optional<String> underlying) {
        ForkView fork = e.fork();
        Optional<String> reserves =
                Evm.call(fork, null, source, Evm.encode("getReserves()"), post).filter(o -> o.length() >= 130);
        if (reserves.isEmpty() || underlying.isEmpty()) {
            return;
        }
        Optional<String> token0 = Evm.address(fork, source, Evm.encode("token0()"), post);
        Optional<String> token1 = Evm.address(fork, source, Evm.encode("token1()"), post);
        BigInteger reserve;
        if (token0.filter(underlying.get()::equals).isPresent()) {
            reserve = Evm.word(reserves.get(), 0);
        } else if (token1.filter(underlying.get()::equals).isPresent()) {
            reserve = Evm.word(reserves.get(), 1);
        } else {
            f.note("AMM pair " + source + " behind market " + market + " does not hold its underlying");
            return;
        }
        Optional<BigInteger> price = LendingMarkets.priceVia(fork, comptroller, market, post);
        if (price.isEmpty()) {
            return;
        }
        BigInteger depth =
                reserve.multiply(price.get()).multiply(BigInteger.TWO).divide(Evm.WAD);
        BigInteger lendable = BigInteger.ZERO;
        for (String other : LendingMarkets.markets(fork, comptroller, post)) {
            if (other.equals(market)) {
                continue;
            }
            Optional<BigInteger> cash = Evm.uint(fork, other, Evm.encode("getCash()"), post);
            Optional<BigInteger> p = LendingMarkets.priceVia(fork, comptroller, other, post);
            if (cash.isPresent() && p.isPresent()) {
                lendable = lendable.add(cash.get().multiply(p.get()).divide(Evm.WAD));
            }
        }
        f.note("AMM pair " + source + " prices market " + market + " from reserves worth " + depth
                + " (oracle units); the other markets lend " + lendable);
        if (depth.compareTo(lendable) < 0) {
            f.fail("market " + market + " is priced from the spot price of AMM pair " + source + ", whose reserves"
                    + " are worth " + depth + " while the other markets lend " + lendable
                    + " against it: moving the price costs less than can be borrowed");
        }
    }
}
