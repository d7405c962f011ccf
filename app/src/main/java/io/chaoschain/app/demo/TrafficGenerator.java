package io.chaoschain.app.demo;

import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.LendingMarket;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Realistic, rate-sensitive traffic for the demo market, deterministic for a seed. Suppliers supply and sometimes
 * redeem; borrowers each have a rate tolerance and a desired debt: they borrow (with their tolerance as the borrow's
 * rate ceiling) while the market's rate is below it, repay when it is above, and churn part of their debt now and then.
 * With the default too-flat curve, demand exceeds liquidity and utilization sits far above the kink — the situation the
 * agent is meant to find.
 */
public final class TrafficGenerator {
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    private static final StaticGasProvider GAS =
            new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(900_000));

    private final Web3j web3j;
    private final AnvilRpc anvil;
    private final long chainId;
    private final String marketAddress;
    private final Random random;
    private final List<Actor> suppliers = new ArrayList<>();
    private final List<Borrower> borrowers = new ArrayList<>();
    private final Consumer<String> progress;
    private int transactions;

    record Actor(Credentials credentials, LendingMarket market) {}

    record Borrower(Credentials credentials, LendingMarket market, BigInteger toleranceApr, BigInteger desiredDebt) {}

    TrafficGenerator(Web3j web3j, AnvilRpc anvil, long chainId, String market, long seed, Consumer<String> progress) {
        this.web3j = web3j;
        this.anvil = anvil;
        this.chainId = chainId;
        this.marketAddress = market;
        this.random = new Random(seed);
        this.progress = progress;
        for (int i = 0; i < 3; i++) {
            Credentials c = derive(seed, "supplier", i);
            suppliers.add(new Actor(c, LendingMarket.load(market, web3j, manager(c), GAS)));
        }
        for (int i = 0; i < 8; i++) {
            Credentials c = derive(seed, "borrower", i);
            // tolerances 8 %, 11 %, ... 29 % APR; each wants 250k against the 900k supplied, so demand exceeds
            // liquidity
            borrowers.add(new Borrower(
                    c,
                    LendingMarket.load(market, web3j, manager(c), GAS),
                    E16.multiply(BigInteger.valueOf(8 + 3L * i)),
                    E18.multiply(BigInteger.valueOf(250_000))));
        }
    }

    /** Funds every actor (ETH via anvil_setBalance, tokens minted by their owner) and makes the initial deposits. */
    public void setUp(Credentials tokenOwner, String asset, String collateral) throws Exception {
        DemoToken assetAsOwner = DemoToken.load(asset, web3j, manager(tokenOwner), GAS);
        DemoToken collateralAsOwner = DemoToken.load(collateral, web3j, manager(tokenOwner), GAS);
        List<Credentials> everyone = new ArrayList<>();
        suppliers.forEach(s -> everyone.add(s.credentials()));
        borrowers.forEach(b -> everyone.add(b.credentials()));
        for (Credentials c : everyone) {
            anvil.setBalance(c.getAddress(), E18.multiply(BigInteger.valueOf(100)));
            assetAsOwner
                    .mint(c.getAddress(), E18.multiply(BigInteger.valueOf(1_000_000)))
                    .send();
            DemoToken.load(asset, web3j, manager(c), GAS)
                    .approve(marketAddress, BigInteger.TWO.pow(255))
                    .send();
            transactions += 2;
        }
        for (Borrower b : borrowers) {
            collateralAsOwner
                    .mint(b.credentials().getAddress(), E18.multiply(BigInteger.valueOf(500)))
                    .send();
            DemoToken.load(collateral, web3j, manager(b.credentials()), GAS)
                    .approve(marketAddress, BigInteger.TWO.pow(255))
                    .send();
            b.market().depositCollateral(E18.multiply(BigInteger.valueOf(500))).send();
            transactions += 3;
        }
        for (Actor s : suppliers) {
            s.market().supply(E18.multiply(BigInteger.valueOf(300_000))).send();
            transactions++;
        }
        progress.accept("funded 3 suppliers (900k dUSD supplied) and 8 borrowers (tolerances 8%..29% APR)");
    }

    /** One round: every actor acts once, in a seeded random order; an hour of chain time passes. */
    public void round() throws Exception {
        LendingMarket reader = borrowers.getFirst().market();
        List<Borrower> order = new ArrayList<>(borrowers);
        Collections.shuffle(order, random);
        for (Borrower b : order) {
            BigInteger rate = reader.borrowRatePerYear().send();
            BigInteger debt = reader.borrowBalance(b.credentials().getAddress()).send();
            double roll = random.nextDouble();
            if (rate.compareTo(b.toleranceApr()) > 0 && debt.signum() > 0) {
                send(() -> b.market()
                        .repay(
                                b.credentials().getAddress(),
                                debt.multiply(BigInteger.valueOf(40)).divide(BigInteger.valueOf(100)))
                        .send());
            } else if (roll < 0.15 && debt.signum() > 0) {
                send(() -> b.market()
                        .repay(
                                b.credentials().getAddress(),
                                debt.multiply(BigInteger.valueOf(15)).divide(BigInteger.valueOf(100)))
                        .send());
            } else if (debt.compareTo(b.desiredDebt()) < 0) {
                BigInteger cash = reader.getCash().send();
                BigInteger want = b.desiredDebt()
                        .subtract(debt)
                        .min(E18.multiply(BigInteger.valueOf(20_000 + random.nextInt(20_000))));
                BigInteger amount =
                        want.min(cash.multiply(BigInteger.valueOf(19)).divide(BigInteger.valueOf(20)));
                if (amount.compareTo(E18) > 0 && wouldSucceed(b, amount)) {
                    send(() -> b.market().borrow(amount, b.toleranceApr()).send());
                }
            }
        }
        for (Actor s : suppliers) {
            double roll = random.nextDouble();
            if (roll < 0.15) {
                send(() -> s.market()
                        .supply(E18.multiply(BigInteger.valueOf(5_000 + random.nextInt(15_000))))
                        .send());
            } else if (roll < 0.25) {
                BigInteger shares =
                        reader.sharesOf(s.credentials().getAddress()).send().divide(BigInteger.valueOf(50));
                BigInteger cash = reader.getCash().send();
                if (shares.signum() > 0 && cash.compareTo(shares.multiply(BigInteger.TWO)) > 0) {
                    send(() -> s.market().redeem(shares).send());
                }
            }
        }
        anvil.increaseTime(3600);
    }

    /** A rational borrower's wallet simulates the borrow first and does not send one that would revert. */
    private boolean wouldSucceed(Borrower b, BigInteger amount) throws Exception {
        String data = b.market().borrow(amount, b.toleranceApr()).encodeFunctionCall();
        var call = web3j.ethCall(
                        org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                                b.credentials().getAddress(), marketAddress, data),
                        DefaultBlockParameterName.LATEST)
                .send();
        return !call.isReverted() && !call.hasError();
    }

    private interface Send {
        void run() throws Exception;
    }

    private void send(Send tx) throws Exception {
        tx.run();
        transactions++;
    }

    public int transactions() {
        return transactions;
    }

    public String market() {
        return marketAddress;
    }

    private RawTransactionManager manager(Credentials c) {
        return new RawTransactionManager(web3j, c, chainId, new PollingTransactionReceiptProcessor(web3j, 25, 800));
    }

    static Credentials derive(long seed, String role, int index) {
        byte[] key = Hash.sha3(("chaoschain-demo/" + seed + "/" + role + "/" + index)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Credentials.create(ECKeyPair.create(key));
    }
}
