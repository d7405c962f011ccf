package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * C8's reads of a Compound-style lending protocol before and after a proposal, inferred from the Comptroller the
 * proposal touches: a price for every listed market, account liquidity and claimable rewards of existing accounts,
 * and 1-unit supply, redeem, borrow and repay calls by existing accounts (an {@code eth_call} from their address).
 * Whatever answered before and reverts after fails; so does a claim larger than the reward balance that pays it, and
 * a price that moves by more than {@code priceJumpFactor}. Aave-style pools ({@link ReservePools}) get the same
 * treatment: {@code getAssetPrice} of every reserve, {@code getUserAccountData} of existing accounts and 1-unit
 * {@code supply}, {@code withdraw}, {@code borrow} and {@code repay} calls.
 */
public final class LendingInvariants {
    private static final BigInteger ONE = BigInteger.ONE;

    private final SimulationEvidence e;
    private final Findings f;
    private final int maxAccounts;
    private final BigInteger jumpFactor;
    private final long pre;
    private final long post;
    private int reads;

    public LendingInvariants(SimulationEvidence e, Findings f, int maxAccounts, BigInteger jumpFactor) {
        this.e = e;
        this.f = f;
        this.maxAccounts = maxAccounts;
        this.jumpFactor = jumpFactor;
        this.pre = e.fork().preBlock();
        this.post = e.fork().postBlock();
    }

    /** Runs every read on every Comptroller found; returns how many reads were compared. */
    public int run() {
        for (String comptroller : LendingMarkets.comptrollers(e)) {
            List<String> markets = LendingMarkets.marketsAround(e.fork(), comptroller);
            f.note("lending protocol: Comptroller " + comptroller + " with " + markets.size() + " market(s)");
            prices(comptroller, markets);
            List<String> accounts;
            try {
                long upTo = e.fork().forkBlock() >= 0
                        ? e.fork().forkBlock()
                        : e.source().latestBlock();
                accounts = LendingMarkets.existingAccounts(e.source(), markets, upTo, maxAccounts);
            } catch (Evm.HistoryUnavailable ex) {
                f.warn("existing accounts of " + comptroller + "'s markets unknown: " + ex.getMessage());
                continue;
            }
            f.note(accounts.size() + " existing account(s) of its markets examined");
            for (String account : accounts) {
                liquidity(comptroller, account);
                rewards(comptroller, account);
            }
            for (String market : markets) {
                probes(market, accounts);
            }
        }
        for (String pool : ReservePools.pools(e)) {
            pool(pool);
        }
        return reads;
    }

    private void prices(String comptroller, List<String> markets) {
        ForkView fork = e.fork();
        Optional<String> oracleBefore = LendingMarkets.oracle(fork, comptroller, pre);
        Optional<String> oracleAfter = LendingMarkets.oracle(fork, comptroller, post);
        List<String> listedAfter = LendingMarkets.markets(fork, comptroller, post);
        for (String m : markets) {
            Optional<BigInteger> before = oracleBefore.flatMap(o -> LendingMarkets.price(fork, o, m, pre));
            Optional<BigInteger> after = oracleAfter.flatMap(o -> LendingMarkets.price(fork, o, m, post));
            comparePrice("market " + m, listedAfter.contains(m), before, after, oracleAfter.orElse("(none)"));
        }
    }

    private void comparePrice(
            String subject, boolean listed, Optional<BigInteger> before, Optional<BigInteger> after, String oracle) {
        reads++;
        if (after.isEmpty() && listed) {
            f.fail("the price of listed " + subject + " reverts after the proposal (oracle " + oracle + ")"
                    + before.map(p -> "; it was " + p + " before").orElse("")
                    + ": liquidity, borrows and liquidations that read it revert");
        } else if (before.isPresent() && after.isPresent()) {
            BigInteger b = before.get();
            BigInteger a = after.get();
            if (b.signum() > 0 && a.signum() == 0) {
                f.fail("the price of " + subject + " drops from " + b + " to zero (oracle " + oracle + ")");
            } else if (b.signum() > 0
                    && (a.compareTo(b.multiply(jumpFactor)) > 0
                            || a.multiply(jumpFactor).compareTo(b) < 0)) {
                f.fail("the price of " + subject + " moves from " + b + " to " + a + ", beyond a factor of "
                        + jumpFactor + " (oracle " + oracle + ")");
            }
        }
    }

    // ---- Aave-style pools ----

    private void pool(String pool) {
        ForkView fork = e.fork();
        Set<String> all = new LinkedHashSet<>(ReservePools.reserves(fork, pool, pre));
        List<String> listedAfter = ReservePools.reserves(fork, pool, post);
        all.addAll(listedAfter);
        f.note("lending pool " + pool + " with " + all.size() + " reserve(s)");
        Optional<String> oracleBefore = ReservePools.oracle(fork, pool, pre);
        Optional<String> oracleAfter = ReservePools.oracle(fork, pool, post);
        for (String asset : all) {
            comparePrice(
                    "reserve " + asset + " of pool " + pool,
                    listedAfter.contains(asset),
                    oracleBefore.flatMap(o -> ReservePools.price(fork, o, asset, pre)),
                    oracleAfter.flatMap(o -> ReservePools.price(fork, o, asset, post)),
                    oracleAfter.orElse("(none)"));
        }
        List<String> accounts;
        try {
            accounts = ReservePools.existingAccounts(e.source(), pool, sourceBlock(), maxAccounts);
        } catch (Evm.HistoryUnavailable ex) {
            f.warn("existing accounts of pool " + pool + " unknown: " + ex.getMessage());
            return;
        }
        f.note(accounts.size() + " existing account(s) of the pool examined");
        for (String account : accounts) {
            String data = Evm.encode("getUserAccountData(address)", account);
            Optional<String> before = Evm.call(fork, null, pool, data, pre);
            if (before.isEmpty()) {
                continue;
            }
            reads++;
            Optional<String> after = Evm.call(fork, null, pool, data, post);
            if (after.isEmpty()) {
                f.fail("getUserAccountData(" + account + ") on pool " + pool
                        + " answered before the proposal and reverts after it");
            } else if (Evm.word(before.get(), 5).compareTo(Evm.WAD) >= 0
                    && Evm.word(after.get(), 5).compareTo(Evm.WAD) < 0) {
                f.warn("account " + account + "'s health factor on pool " + pool + " falls below 1 after the"
                        + " proposal: it can be liquidated");
            }
        }
        for (String asset : all) {
            for (String account : accounts) {
                if (probeOnce(
                        pool,
                        account,
                        Evm.encode("supply(address,uint256,address,uint16)", asset, ONE, account, 0),
                        "supply of " + asset)) {
                    break;
                }
            }
            for (String account : accounts) {
                if (probeOnce(
                        pool,
                        account,
                        Evm.encode("withdraw(address,uint256,address)", asset, ONE, account),
                        "withdraw of " + asset)) {
                    break;
                }
            }
            for (String account : accounts) {
                if (probeOnce(
                        pool,
                        account,
                        Evm.encode("borrow(address,uint256,uint256,uint16,address)", asset, ONE, 2, 0, account),
                        "borrow of " + asset)) {
                    break;
                }
            }
            for (String account : accounts) {
                if (probeOnce(
                        pool,
                        account,
                        Evm.encode("repay(address,uint256,uint256,address)", asset, ONE, 2, account),
                        "repay of " + asset)) {
                    break;
                }
            }
        }
    }

    /** A 1-unit call by {@code account}: false when it did not succeed before; else it must succeed after. */
    private boolean probeOnce(String to, String account, String data, String what) {
        if (Evm.call(e.fork(), account, to, data, pre).isEmpty()) {
            return false;
        }
        reads++;
        if (Evm.call(e.fork(), account, to, data, post).isEmpty()) {
            f.fail("a 1-unit " + what + " on " + to + " by existing account " + account
                    + " succeeded before the proposal and reverts after it");
        }
        return true;
    }

    private long sourceBlock() {
        return e.fork().forkBlock() >= 0 ? e.fork().forkBlock() : e.source().latestBlock();
    }

    private void liquidity(String comptroller, String account) {
        String data = Evm.encode("getAccountLiquidity(address)", account);
        Optional<String> before = Evm.call(e.fork(), null, comptroller, data, pre);
        if (before.isEmpty()) {
            return;
        }
        reads++;
        Optional<String> after = Evm.call(e.fork(), null, comptroller, data, post);
        if (after.isEmpty()) {
            f.fail("getAccountLiquidity(" + account + ") on " + comptroller
                    + " answered before the proposal and reverts after it");
        } else if (Evm.word(before.get(), 2).signum() == 0
                && Evm.word(after.get(), 2).signum() > 0) {
            f.warn("account " + account + " has a shortfall of " + Evm.word(after.get(), 2)
                    + " after the proposal (none before): it can be liquidated");
        }
    }

    private void rewards(String comptroller, String account) {
        ForkView fork = e.fork();
        Optional<BigInteger> accrued = Evm.uint(fork, comptroller, Evm.encode("compAccrued(address)", account), post);
        if (accrued.isEmpty()) {
            return;
        }
        reads++;
        Optional<String> token = Evm.address(fork, comptroller, Evm.encode("getCompAddress()"), post);
        Optional<BigInteger> pool =
                token.flatMap(t -> Evm.uint(fork, t, Evm.encode("balanceOf(address)", comptroller), post));
        if (pool.isPresent() && accrued.get().compareTo(pool.get()) > 0) {
            f.fail("account " + account + " can claim " + accrued.get() + " of reward token " + token.get()
                    + " after the proposal, more than the " + pool.get() + " the Comptroller " + comptroller
                    + " holds to pay it"
                    + Evm.uint(fork, comptroller, Evm.encode("compAccrued(address)", account), pre)
                            .map(b -> " (it could claim " + b + " before)")
                            .orElse(""));
        }
        String claim = Evm.encode("claimComp(address)", account);
        if (Evm.call(fork, account, comptroller, claim, pre).isPresent()
                && Evm.call(fork, account, comptroller, claim, post).isEmpty()) {
            f.fail("claimComp(" + account + ") on " + comptroller + " succeeded before the proposal and reverts after");
        }
    }

    /** 1-unit calls by an existing account that could make them before: each must still succeed after. */
    private void probes(String market, List<String> accounts) {
        ForkView fork = e.fork();
        Optional<String> underlying = LendingMarkets.underlying(fork, market, pre);
        String supplier = first(accounts, a -> positive(market, "balanceOf(address)", a));
        String borrower = first(accounts, a -> positive(market, "borrowBalanceStored(address)", a));
        String minter = underlying
                .map(u -> first(
                        accounts,
                        a -> positive(u, "balanceOf(address)", a)
                                && Evm.uint(fork, u, Evm.encode("allowance(address,address)", a, market), pre)
                                        .filter(x -> x.signum() > 0)
                                        .isPresent()))
                .orElse(null);
        probe(market, minter, "mint(uint256)", "supply");
        probe(market, supplier, "redeemUnderlying(uint256)", "redeem");
        probe(market, supplier, "borrow(uint256)", "borrow");
        probe(market, borrower, "repayBorrow(uint256)", "repay");
    }

    private void probe(String market, String account, String signature, String what) {
        if (account == null) {
            return;
        }
        String data = Evm.encode(signature, ONE);
        if (Evm.call(e.fork(), account, market, data, pre).isEmpty()) {
            return;
        }
        reads++;
        if (Evm.call(e.fork(), account, market, data, post).isEmpty()) {
            f.fail("a 1-unit " + what + " (" + signature + ") on market " + market + " by existing account " + account
                    + " succeeded before the proposal and reverts after it");
        }
    }

    private boolean positive(String contract, String signature, String account) {
        return Evm.uint(e.fork(), contract, Evm.encode(signature, account), pre)
                .filter(v -> v.signum() > 0)
                .isPresent();
    }

    private static String first(List<String> accounts, java.util.function.Predicate<String> p) {
        return accounts.stream().filter(p).findFirst().orElse(null);
    }
}
