package io.chaoschain.chains.contracts;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;

/**
 * One Anvil per test class with a LendingMarket owned by dev account 0 (so owner-only calls need no governance),
 * a supplier and a borrower holding and having approved the tokens; every test starts from the same snapshot.
 */
@WithDevnet(revertAfterEachTest = true)
abstract class LendingMarketFixture {
    static final BigInteger WAD = JumpRateMath.WAD;
    static final BigInteger MAX_UINT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    static final BigInteger BASE = pct(2);
    static final BigInteger MULTIPLIER = pct(10);
    static final BigInteger JUMP = pct(25);
    static final BigInteger KINK = pct(80);
    static final BigInteger RESERVE_FACTOR = pct(10);
    static final BigInteger COLLATERAL_FACTOR = pct(75);
    static final BigInteger COLLATERAL_PRICE = tokens(2000);

    static Devnet devnet;
    static Credentials admin;
    static Credentials supplier;
    static Credentials borrower;
    static Credentials stranger;
    static String assetAddress;
    static String collateralAddress;
    static String marketAddress;

    @BeforeAll
    static void deployMarket(Devnet devnet) throws Exception {
        LendingMarketFixture.devnet = devnet;
        admin = devnet.account(0);
        supplier = devnet.account(1);
        borrower = devnet.account(2);
        stranger = devnet.account(3);
        DemoToken asset = DemoToken.deploy(
                        devnet.web3j(),
                        devnet.txManager(admin),
                        devnet.gas(),
                        "Demo USD",
                        "dUSD",
                        BigInteger.valueOf(18),
                        admin.getAddress())
                .send();
        DemoToken collateral = DemoToken.deploy(
                        devnet.web3j(),
                        devnet.txManager(admin),
                        devnet.gas(),
                        "Demo ETH",
                        "dETH",
                        BigInteger.valueOf(18),
                        admin.getAddress())
                .send();
        assetAddress = asset.getContractAddress();
        collateralAddress = collateral.getContractAddress();
        marketAddress = LendingMarket.deploy(
                        devnet.web3j(),
                        devnet.txManager(admin),
                        devnet.gas(),
                        assetAddress,
                        collateralAddress,
                        admin.getAddress(),
                        BASE,
                        MULTIPLIER,
                        JUMP,
                        KINK,
                        RESERVE_FACTOR,
                        COLLATERAL_FACTOR,
                        COLLATERAL_PRICE)
                .send()
                .getContractAddress();
        asset.mint(supplier.getAddress(), tokens(1_000_000)).send();
        asset.mint(borrower.getAddress(), tokens(100_000)).send();
        asset.mint(stranger.getAddress(), tokens(1_000)).send();
        collateral.mint(borrower.getAddress(), tokens(1_000)).send();
        for (Credentials who : new Credentials[] {supplier, borrower}) {
            assetAs(who).approve(marketAddress, MAX_UINT).send();
            collateralAs(who).approve(marketAddress, MAX_UINT).send();
        }
    }

    static LendingMarket marketAs(Credentials who) {
        return LendingMarket.load(marketAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static DemoToken assetAs(Credentials who) {
        return DemoToken.load(assetAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static DemoToken collateralAs(Credentials who) {
        return DemoToken.load(collateralAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static String revertOf(Credentials from, RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), marketAddress, call.encodeFunctionCall());
    }

    static JumpRateMath model() throws Exception {
        LendingMarket m = marketAs(admin);
        return new JumpRateMath(
                m.baseRatePerYear().send(),
                m.multiplierPerYear().send(),
                m.jumpMultiplierPerYear().send(),
                m.kink().send());
    }

    static BigInteger cash() throws Exception {
        return assetAs(admin).balanceOf(marketAddress).send();
    }

    static BigInteger tokens(long amount) {
        return BigInteger.valueOf(amount).multiply(WAD);
    }

    static BigInteger pct(long percent) {
        return WAD.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }

    /** Supplier supplies {@code supplied}, borrower posts {@code collateral} dETH and borrows {@code borrowed}. */
    static void openPositions(long supplied, long collateral, long borrowed) throws Exception {
        marketAs(supplier).supply(tokens(supplied)).send();
        marketAs(borrower).depositCollateral(tokens(collateral)).send();
        if (borrowed > 0) {
            marketAs(borrower).borrow(tokens(borrowed), MAX_UINT).send();
        }
    }
}
