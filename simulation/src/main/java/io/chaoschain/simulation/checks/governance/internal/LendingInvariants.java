package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * C8's reads of a Compound-style lending protocol before and after a proposal, inferred from the Comptroller the
 * proposal touches: a price for every listed market, account liquidity and claimable rewards of existing accounts,
 * and 1-unit supply, redeem, borrow and repay calls by existing accounts (an {@code eth_call} from their address).
 * Whatever answered before and reverts after fails; so does a claim larger than the reward balance that pays it, and
 * a price that moves by more than {@code priceJumpFactor}.
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
        return reads;
    }

    private void prices(String comptroller, List<String> markets) {
        ForkView fork = e.fork();
        Optional<String> oracleBefore = LendingMarkets.oracle(fork, comptroller, pre);
        Optional<String> oracleAfter = LendingMarkets.oracle(fork, comptroller, post);
        List<String> listedAfter = LendingMarkets.markets(fork, comptroller, post);
        for (String m : markets) {
            reads++;
            Optional<BigInteger> before = oracleBefore.flatMap(o -> LendingMarkets.price(fork, o, m, pre));
            Optional<BigInteger> after = oracleAfter.flatMap(o -> LendingMarkets.price(fork, o, m, post));
            String oracle = oracleAfter.orElse("(none)");
            if (after.isEmpty() && listedAfter.contains(m)) {
                f.fail("the price of listed market " + m + " reverts after the proposal (oracle " + oracle + ")"
                        + before.map(p -> "; it was " + p + " before").orElse("")
                        + ": liquidity, borrows and liquidations that read it revert");
            } else if (before.isPresent() && after.isPresent()) {
                BigInteger b = before.get();
                BigInteger a = after.get();
                if (b.signum() > 0 && a.signum() == 0) {
                    f.fail("the price of market " + m + " drops from " + b + " to zero (oracle " + oracle + ")");
                } else if (b.signum() > 0
                        && (a.compareTo(b.multiply(jumpFactor)) > 0
                                || a.multiply(jumpFactor).compareTo(b) < 0)) {
                    f.fail("the price of market " + m + " moves from " + b + " to " + a + ", beyond a factor of "
                            + jumpFactor + " (oracle " + oracle + ")");
                }
            }
        }
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
