package io.chaoschain.chains.testing;

import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.tx.TransactionSender;
import java.math.BigInteger;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A DemoToken asset, a DemoToken collateral and a LendingMarket over them, deployed through the generated wrappers;
 * the owner (the deploying account) mints and governs.
 */
public record MarketFixture(String asset, String collateral, String market, TransactionSender owner) {
    public static final BigInteger WAD = BigInteger.TEN.pow(18);
    public static final BigInteger BASE_RATE = wad("0.02");
    public static final BigInteger MULTIPLIER = wad("0.1");
    public static final BigInteger JUMP_MULTIPLIER = wad("3");
    public static final BigInteger KINK = wad("0.8");
    public static final BigInteger RESERVE_FACTOR = wad("0.1");
    public static final BigInteger COLLATERAL_FACTOR = wad("0.75");
    public static final BigInteger COLLATERAL_PRICE = wad("1");

    public static MarketFixture deploy(TransactionSender owner) {
        try {
            var web3j = owner.client().web3j();
            var tm = owner.transactionManager();
            var gas = new DefaultGasProvider();
            DemoToken asset = DemoToken.deploy(web3j, tm, gas, "Demo USD", "dUSD", BigInteger.valueOf(18), owner.from())
                    .send();
            DemoToken collateral = DemoToken.deploy(
                            web3j, tm, gas, "Demo ETH", "dETH", BigInteger.valueOf(18), owner.from())
                    .send();
            LendingMarket market = LendingMarket.deploy(
                            web3j,
                            tm,
                            gas,
                            asset.getContractAddress(),
                            collateral.getContractAddress(),
                            owner.from(),
                            BASE_RATE,
                            MULTIPLIER,
                            JUMP_MULTIPLIER,
                            KINK,
                            RESERVE_FACTOR,
                            COLLATERAL_FACTOR,
                            COLLATERAL_PRICE)
                    .send();
            return new MarketFixture(
                    asset.getContractAddress(), collateral.getContractAddress(), market.getContractAddress(), owner);
        } catch (Exception e) {
            throw new IllegalStateException("deploying the test market failed", e);
        }
    }

    /** Mints asset and collateral to {@code user} and approves the market to pull them. */
    public void fund(TransactionSender user, BigInteger assetAmount, BigInteger collateralAmount) {
        try {
            token(asset, owner).mint(user.from(), assetAmount).send();
            token(collateral, owner).mint(user.from(), collateralAmount).send();
            token(asset, user).approve(market, assetAmount).send();
            token(collateral, user).approve(market, collateralAmount).send();
        } catch (Exception e) {
            throw new IllegalStateException("funding " + user.from() + " failed", e);
        }
    }

    public LendingMarket marketAs(TransactionSender user) {
        return LendingMarket.load(market, user.client().web3j(), user.transactionManager(), new DefaultGasProvider());
    }

    public DemoToken token(String address, TransactionSender user) {
        return DemoToken.load(address, user.client().web3j(), user.transactionManager(), new DefaultGasProvider());
    }

    public static BigInteger wad(String decimal) {
        return new java.math.BigDecimal(decimal)
                .multiply(new java.math.BigDecimal(WAD))
                .toBigIntegerExact();
    }
}
