package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.string;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.testing.Errors;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/** The owner's side of LendingMarket: every setter, its access control and its parameter bounds. */
class LendingMarketParametersIT extends LendingMarketFixture {
    private static final BigInteger MAX_RATE = tokens(100);
    private static final BigInteger MAX_RESERVE_FACTOR = pct(50);
    private static final BigInteger MAX_COLLATERAL_FACTOR = pct(95);

    private static String invalid(String name, BigInteger value) {
        return Errors.of("InvalidParameter", string(name), uint(value));
    }

    private static void assertOnlyOwner(RemoteFunctionCall<?> callAsStranger) {
        assertThat(revertOf(stranger, callAsStranger))
                .isEqualTo(Errors.of("OwnableUnauthorizedAccount", address(stranger.getAddress())));
    }

    // ---------------------------------------------------------------- rate model

    @Test
    void shouldLetTheOwnerReplaceTheRateModel() throws Exception {
        TransactionReceipt receipt =
                marketAs(admin).setRateModel(pct(1), pct(5), pct(300), pct(90)).send();
        LendingMarket.RateModelUpdatedEventResponse event =
                LendingMarket.getRateModelUpdatedEvents(receipt).getFirst();
        assertThat(List.of(event.baseRatePerYear, event.multiplierPerYear, event.jumpMultiplierPerYear, event.kink))
                .containsExactly(pct(1), pct(5), pct(300), pct(90));
        LendingMarket market = marketAs(admin);
        assertThat(List.of(
                        market.baseRatePerYear().send(),
                        market.multiplierPerYear().send(),
                        market.jumpMultiplierPerYear().send(),
                        market.kink().send()))
                .containsExactly(pct(1), pct(5), pct(300), pct(90));
    }

    @Test
    void shouldChargeTheNewModelsRateAboveTheKink() throws Exception {
        openPositions(10_000, 100, 9_500);
        BigInteger flat = marketAs(admin).borrowRatePerYear().send();
        marketAs(admin).setRateModel(BASE, MULTIPLIER, pct(300), KINK).send();
        LendingMarket market = marketAs(admin);
        BigInteger u = JumpRateMath.utilization(
                cash(), market.totalBorrows().send(), market.totalReserves().send());
        BigInteger steep = market.borrowRatePerYear().send();
        assertThat(steep).isEqualTo(model().borrowRate(u)).isGreaterThan(flat.multiply(BigInteger.TWO));
    }

    @Test
    void shouldAccrueUnderTheOldModelBeforeChangingIt() throws Exception {
        openPositions(10_000, 100, 9_000);
        LendingMarket market = marketAs(admin);
        BigInteger borrows = market.totalBorrows().send();
        BigInteger reserves = market.totalReserves().send();
        BigInteger index = market.borrowIndex().send();
        BigInteger lastAccrual = market.lastAccrual().send();
        BigInteger cash = cash();
        JumpRateMath oldModel = model();
        devnet.increaseTime(10 * 24 * 3600);
        TransactionReceipt receipt =
                market.setRateModel(pct(50), pct(50), pct(50), pct(50)).send();
        long elapsed = market.lastAccrual().send().subtract(lastAccrual).longValueExact();
        JumpRateMath.Accrual expected = oldModel.accrue(cash, borrows, reserves, index, RESERVE_FACTOR, elapsed);
        assertThat(LendingMarket.getInterestAccruedEvents(receipt).getFirst().interest)
                .isEqualTo(expected.interest());
        assertThat(market.totalBorrows().send()).isEqualTo(expected.totalBorrows());
    }

    @Test
    void shouldAcceptTheRateModelBounds() throws Exception {
        marketAs(admin).setRateModel(MAX_RATE, MAX_RATE, MAX_RATE, WAD).send();
        assertThat(marketAs(admin).kink().send()).isEqualTo(WAD);
        assertThat(marketAs(admin).jumpMultiplierPerYear().send()).isEqualTo(MAX_RATE);
        marketAs(admin)
                .setRateModel(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ONE)
                .send();
        assertThat(marketAs(admin).kink().send()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void shouldRefuseARateModelOutsideItsBounds() {
        LendingMarket market = marketAs(admin);
        BigInteger tooHigh = MAX_RATE.add(BigInteger.ONE);
        assertThat(revertOf(admin, market.setRateModel(BASE, MULTIPLIER, JUMP, BigInteger.ZERO)))
                .isEqualTo(invalid("kink", BigInteger.ZERO));
        assertThat(revertOf(admin, market.setRateModel(BASE, MULTIPLIER, JUMP, WAD.add(BigInteger.ONE))))
                .isEqualTo(invalid("kink", WAD.add(BigInteger.ONE)));
        assertThat(revertOf(admin, market.setRateModel(tooHigh, MULTIPLIER, JUMP, KINK)))
                .isEqualTo(invalid("baseRatePerYear", tooHigh));
        assertThat(revertOf(admin, market.setRateModel(BASE, tooHigh, JUMP, KINK)))
                .isEqualTo(invalid("multiplierPerYear", tooHigh));
        assertThat(revertOf(admin, market.setRateModel(BASE, MULTIPLIER, tooHigh, KINK)))
                .isEqualTo(invalid("jumpMultiplierPerYear", tooHigh));
    }

    @Test
    void shouldRefuseRateModelChangesFromOthers() {
        assertOnlyOwner(marketAs(stranger).setRateModel(BASE, MULTIPLIER, pct(300), KINK));
    }

    // ---------------------------------------------------------------- reserve factor

    @Test
    void shouldLetTheOwnerChangeTheReserveFactorUpToItsBound() throws Exception {
        TransactionReceipt receipt =
                marketAs(admin).setReserveFactor(MAX_RESERVE_FACTOR).send();
        LendingMarket.ReserveFactorUpdatedEventResponse event =
                LendingMarket.getReserveFactorUpdatedEvents(receipt).getFirst();
        assertThat(event.oldReserveFactor).isEqualTo(RESERVE_FACTOR);
        assertThat(event.newReserveFactor).isEqualTo(MAX_RESERVE_FACTOR);
        assertThat(marketAs(admin).reserveFactor().send()).isEqualTo(MAX_RESERVE_FACTOR);
        marketAs(admin).setReserveFactor(BigInteger.ZERO).send();
        assertThat(marketAs(admin).reserveFactor().send()).isZero();
    }

    @Test
    void shouldRefuseAReserveFactorAboveHalf() {
        BigInteger tooHigh = MAX_RESERVE_FACTOR.add(BigInteger.ONE);
        assertThat(revertOf(admin, marketAs(admin).setReserveFactor(tooHigh)))
                .isEqualTo(invalid("reserveFactor", tooHigh));
    }

    @Test
    void shouldRefuseReserveFactorChangesFromOthers() {
        assertOnlyOwner(marketAs(stranger).setReserveFactor(pct(20)));
    }

    // ---------------------------------------------------------------- collateral factor and price

    @Test
    void shouldLetTheOwnerChangeTheCollateralFactorWithinItsBounds() throws Exception {
        TransactionReceipt receipt =
                marketAs(admin).setCollateralFactor(MAX_COLLATERAL_FACTOR).send();
        LendingMarket.CollateralFactorUpdatedEventResponse event =
                LendingMarket.getCollateralFactorUpdatedEvents(receipt).getFirst();
        assertThat(event.oldCollateralFactor).isEqualTo(COLLATERAL_FACTOR);
        assertThat(event.newCollateralFactor).isEqualTo(MAX_COLLATERAL_FACTOR);
        marketAs(borrower).depositCollateral(tokens(1)).send();
        assertThat(marketAs(admin).borrowCapacity(borrower.getAddress()).send()).isEqualTo(tokens(1_900));
    }

    @Test
    void shouldRefuseACollateralFactorOfZeroOrAbove95Percent() {
        BigInteger tooHigh = MAX_COLLATERAL_FACTOR.add(BigInteger.ONE);
        assertThat(revertOf(admin, marketAs(admin).setCollateralFactor(BigInteger.ZERO)))
                .isEqualTo(invalid("collateralFactor", BigInteger.ZERO));
        assertThat(revertOf(admin, marketAs(admin).setCollateralFactor(tooHigh)))
                .isEqualTo(invalid("collateralFactor", tooHigh));
    }

    @Test
    void shouldRefuseCollateralFactorChangesFromOthers() {
        assertOnlyOwner(marketAs(stranger).setCollateralFactor(pct(50)));
    }

    @Test
    void shouldLetTheOwnerRepriceTheCollateral() throws Exception {
        TransactionReceipt receipt =
                marketAs(admin).setCollateralPrice(tokens(1_000)).send();
        LendingMarket.CollateralPriceUpdatedEventResponse event =
                LendingMarket.getCollateralPriceUpdatedEvents(receipt).getFirst();
        assertThat(event.oldPrice).isEqualTo(COLLATERAL_PRICE);
        assertThat(event.newPrice).isEqualTo(tokens(1_000));
        marketAs(borrower).depositCollateral(tokens(2)).send();
        assertThat(marketAs(admin).borrowCapacity(borrower.getAddress()).send()).isEqualTo(tokens(1_500));
    }

    @Test
    void shouldRefuseAZeroCollateralPrice() {
        assertThat(revertOf(admin, marketAs(admin).setCollateralPrice(BigInteger.ZERO)))
                .isEqualTo(invalid("collateralPrice", BigInteger.ZERO));
    }

    @Test
    void shouldRefuseCollateralPriceChangesFromOthers() {
        assertOnlyOwner(marketAs(stranger).setCollateralPrice(tokens(1)));
    }

    // ---------------------------------------------------------------- construction

    @Test
    void shouldRefuseToDeployWithAnInvalidModel() {
        String creation = LendingMarket.BINARY
                + FunctionEncoder.encodeConstructor(List.of(
                        address(assetAddress),
                        address(collateralAddress),
                        address(admin.getAddress()),
                        uint(BASE),
                        uint(MULTIPLIER),
                        uint(JUMP),
                        uint(0),
                        uint(RESERVE_FACTOR),
                        uint(COLLATERAL_FACTOR),
                        uint(COLLATERAL_PRICE)));
        assertThat(devnet.revertData(admin.getAddress(), null, creation)).isEqualTo(invalid("kink", BigInteger.ZERO));
        assertThatThrownBy(() -> LendingMarket.deploy(
                                devnet.web3j(),
                                devnet.txManager(admin),
                                devnet.gas(),
                                assetAddress,
                                collateralAddress,
                                admin.getAddress(),
                                BASE,
                                MULTIPLIER,
                                JUMP,
                                BigInteger.ZERO,
                                RESERVE_FACTOR,
                                COLLATERAL_FACTOR,
                                COLLATERAL_PRICE)
                        .send())
                .isInstanceOf(TransactionException.class);
    }
}
