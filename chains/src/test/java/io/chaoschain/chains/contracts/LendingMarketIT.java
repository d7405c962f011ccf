package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Errors;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Users' side of LendingMarket: supply, redeem, collateral, borrow, repay, accrual and the rate model's numbers. */
class LendingMarketIT extends LendingMarketFixture {

    // ---------------------------------------------------------------- supply and redeem

    @Test
    void shouldMintSharesOneForOneOnTheFirstSupply() throws Exception {
        TransactionReceipt receipt = marketAs(supplier).supply(tokens(1000)).send();
        LendingMarket.SuppliedEventResponse event =
                LendingMarket.getSuppliedEvents(receipt).getFirst();
        assertThat(event.account).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(event.amount).isEqualTo(tokens(1000));
        assertThat(event.shares).isEqualTo(tokens(1000));
        LendingMarket market = marketAs(admin);
        assertThat(market.sharesOf(supplier.getAddress()).send()).isEqualTo(tokens(1000));
        assertThat(market.totalShares().send()).isEqualTo(tokens(1000));
        assertThat(market.getCash().send()).isEqualTo(tokens(1000)).isEqualTo(cash());
        assertThat(market.balanceOfUnderlying(supplier.getAddress()).send()).isEqualTo(tokens(1000));
        assertThat(assetAs(admin).balanceOf(supplier.getAddress()).send()).isEqualTo(tokens(999_000));
    }

    @Test
    void shouldMintFewerSharesOnceInterestHasAccrued() throws Exception {
        openPositions(100_000, 100, 50_000);
        devnet.increaseTime(30 * 24 * 3600);
        LendingMarket market = marketAs(admin);
        BigInteger sharesBefore = market.totalShares().send();
        BigInteger cashBefore = cash();
        assetAs(admin).mint(stranger.getAddress(), tokens(1000)).send();
        assetAs(stranger).approve(marketAddress, tokens(1000)).send();
        TransactionReceipt receipt = marketAs(stranger).supply(tokens(1000)).send();
        // the supply accrues first; borrows and reserves then stay put while the new cash comes in
        BigInteger assetsAtSupply = cashBefore
                .add(market.totalBorrows().send())
                .subtract(market.totalReserves().send());
        BigInteger expectedShares = tokens(1000).multiply(sharesBefore).divide(assetsAtSupply);
        assertThat(LendingMarket.getSuppliedEvents(receipt).getFirst().shares)
                .isEqualTo(expectedShares)
                .isLessThan(tokens(1000));
        assertThat(LendingMarket.getInterestAccruedEvents(receipt)).hasSize(1);
    }

    @Test
    void shouldRevertWhenSupplyingZero() {
        assertThat(revertOf(supplier, marketAs(supplier).supply(BigInteger.ZERO)))
                .isEqualTo(Errors.of("ZeroAmount"));
    }

    @Test
    void shouldRevertWhenSupplyingWithoutAllowance() {
        assertThat(revertOf(stranger, marketAs(stranger).supply(tokens(10))))
                .isEqualTo(Errors.of("ERC20InsufficientAllowance", address(marketAddress), uint(0), uint(tokens(10))));
    }

    @Test
    void shouldRedeemSharesForTheUnderlying() throws Exception {
        marketAs(supplier).supply(tokens(1000)).send();
        TransactionReceipt receipt = marketAs(supplier).redeem(tokens(400)).send();
        LendingMarket.RedeemedEventResponse event =
                LendingMarket.getRedeemedEvents(receipt).getFirst();
        assertThat(event.amount).isEqualTo(tokens(400));
        assertThat(event.shares).isEqualTo(tokens(400));
        assertThat(marketAs(admin).sharesOf(supplier.getAddress()).send()).isEqualTo(tokens(600));
        assertThat(marketAs(admin).totalShares().send()).isEqualTo(tokens(600));
        assertThat(assetAs(admin).balanceOf(supplier.getAddress()).send()).isEqualTo(tokens(999_400));
    }

    @Test
    void shouldPaySuppliersTheirInterestOnRedeem() throws Exception {
        openPositions(100_000, 100, 60_000);
        devnet.increaseTime(365L * 24 * 3600);
        marketAs(borrower).repay(borrower.getAddress(), MAX_UINT).send();
        LendingMarket market = marketAs(admin);
        BigInteger shares = market.sharesOf(supplier.getAddress()).send();
        BigInteger reserves = market.totalReserves().send();
        BigInteger cashBefore = cash();
        TransactionReceipt receipt = marketAs(supplier).redeem(shares).send();
        BigInteger redeemed = LendingMarket.getRedeemedEvents(receipt).getFirst().amount;
        // with every debt repaid the sole supplier gets all the cash except the reserves
        assertThat(redeemed).isGreaterThan(tokens(100_000)).isEqualTo(cashBefore.subtract(reserves));
        assertThat(reserves).isPositive();
        assertThat(cash()).isEqualTo(reserves);
        assertThat(market.totalShares().send()).isZero();
    }

    @Test
    void shouldRevertWhenRedeemingZero() {
        assertThat(revertOf(supplier, marketAs(supplier).redeem(BigInteger.ZERO)))
                .isEqualTo(Errors.of("ZeroAmount"));
    }

    @Test
    void shouldRevertWhenRedeemingMoreSharesThanOwned() throws Exception {
        marketAs(supplier).supply(tokens(100)).send();
        assertThat(revertOf(supplier, marketAs(supplier).redeem(tokens(101))))
                .isEqualTo(Errors.of("InsufficientShares", uint(tokens(101)), uint(tokens(100))));
    }

    @Test
    void shouldRevertWhenRedeemingCashThatIsLentOut() throws Exception {
        openPositions(10_000, 100, 9_000);
        String data = revertOf(supplier, marketAs(supplier).redeem(tokens(10_000)));
        assertThat(data).startsWith(Errors.selector("InsufficientLiquidity(uint256,uint256)"));
        List<BigInteger> args = Errors.words(data);
        assertThat(args.get(0)).isGreaterThanOrEqualTo(tokens(10_000));
        assertThat(args.get(1)).isEqualTo(tokens(1_000));
    }

    // ---------------------------------------------------------------- collateral

    @Test
    void shouldDepositCollateralAndGrantBorrowCapacity() throws Exception {
        TransactionReceipt receipt =
                marketAs(borrower).depositCollateral(tokens(10)).send();
        assertThat(LendingMarket.getCollateralDepositedEvents(receipt).getFirst().amount)
                .isEqualTo(tokens(10));
        assertThat(marketAs(admin).collateralOf(borrower.getAddress()).send()).isEqualTo(tokens(10));
        // 10 dETH x 2000 x 75%
        assertThat(marketAs(admin).borrowCapacity(borrower.getAddress()).send()).isEqualTo(tokens(15_000));
        assertThat(collateralAs(admin).balanceOf(marketAddress).send()).isEqualTo(tokens(10));
    }

    @Test
    void shouldWithdrawCollateralThatDoesNotBackDebt() throws Exception {
        openPositions(10_000, 10, 1_500);
        TransactionReceipt receipt =
                marketAs(borrower).withdrawCollateral(tokens(8)).send();
        assertThat(LendingMarket.getCollateralWithdrawnEvents(receipt).getFirst().amount)
                .isEqualTo(tokens(8));
        assertThat(marketAs(admin).collateralOf(borrower.getAddress()).send()).isEqualTo(tokens(2));
        assertThat(collateralAs(admin).balanceOf(borrower.getAddress()).send()).isEqualTo(tokens(998));
    }

    @Test
    void shouldRevertWhenDepositingOrWithdrawingZeroCollateral() {
        assertThat(revertOf(borrower, marketAs(borrower).depositCollateral(BigInteger.ZERO)))
                .isEqualTo(Errors.of("ZeroAmount"));
        assertThat(revertOf(borrower, marketAs(borrower).withdrawCollateral(BigInteger.ZERO)))
                .isEqualTo(Errors.of("ZeroAmount"));
    }

    @Test
    void shouldRevertWhenWithdrawingCollateralThatBacksDebt() throws Exception {
        openPositions(10_000, 10, 7_500);
        String data = revertOf(borrower, marketAs(borrower).withdrawCollateral(tokens(6)));
        assertThat(data).startsWith(Errors.selector("InsufficientCollateral(uint256,uint256)"));
        List<BigInteger> args = Errors.words(data);
        assertThat(args.get(0)).isEqualTo(tokens(6_000)); // 4 dETH left x 2000 x 75%
        assertThat(args.get(1)).isGreaterThanOrEqualTo(tokens(7_500));
    }

    @Test
    void shouldRevertWhenWithdrawingMoreCollateralThanDeposited() throws Exception {
        marketAs(borrower).depositCollateral(tokens(1)).send();
        assertThat(revertOf(borrower, marketAs(borrower).withdrawCollateral(tokens(2))))
                .isEqualTo(Errors.arithmeticPanic());
    }

    // ---------------------------------------------------------------- borrow

    @Test
    void shouldLendAtTheRateTheJumpModelPredicts() throws Exception {
        openPositions(10_000, 100, 0);
        TransactionReceipt receipt =
                marketAs(borrower).borrow(tokens(4_000), MAX_UINT).send();
        LendingMarket.BorrowedEventResponse event =
                LendingMarket.getBorrowedEvents(receipt).getFirst();
        assertThat(event.amount).isEqualTo(tokens(4_000));
        assertThat(event.accountBorrows).isEqualTo(tokens(4_000));
        assertThat(event.totalBorrows).isEqualTo(tokens(4_000));
        LendingMarket market = marketAs(admin);
        assertThat(market.borrowBalance(borrower.getAddress()).send()).isEqualTo(tokens(4_000));
        assertThat(assetAs(admin).balanceOf(borrower.getAddress()).send()).isEqualTo(tokens(104_000));
        BigInteger u = JumpRateMath.utilization(
                cash(), market.totalBorrows().send(), market.totalReserves().send());
        assertThat(u).isEqualTo(pct(40));
        assertThat(market.utilization().send()).isEqualTo(u);
        assertThat(market.borrowRatePerYear().send())
                .isEqualTo(model().borrowRate(u))
                .isEqualTo(pct(6)); // 2% + 40% x 10%
        assertThat(market.supplyRatePerYear().send()).isEqualTo(model().supplyRate(u, RESERVE_FACTOR));
    }

    @Test
    void shouldFollowTheJumpRateModelAcrossUtilisation() throws Exception {
        openPositions(100_000, 1_000, 0);
        LendingMarket market = marketAs(admin);
        JumpRateMath model = model();
        BigInteger borrowedSoFar = BigInteger.ZERO;
        for (long target : new long[] {10_000, 50_000, 80_000, 85_000, 95_000, 100_000}) {
            BigInteger step = tokens(target).subtract(borrowedSoFar);
            marketAs(borrower).borrow(step, MAX_UINT).send();
            borrowedSoFar = tokens(target);
            BigInteger u = JumpRateMath.utilization(
                    cash(), market.totalBorrows().send(), market.totalReserves().send());
            assertThat(market.utilization().send())
                    .as("utilisation at %d borrowed", target)
                    .isEqualTo(u);
            assertThat(market.borrowRatePerYear().send())
                    .as("borrow rate at %d borrowed", target)
                    .isEqualTo(model.borrowRate(u));
            assertThat(market.supplyRatePerYear().send())
                    .as("supply rate at %d borrowed", target)
                    .isEqualTo(model.supplyRate(u, RESERVE_FACTOR));
        }
        // fully lent out: 2% + 80% x 10% + 20% x 25% = 15%, the deliberately flat top of the default model
        assertThat(market.utilization().send()).isEqualTo(WAD);
        assertThat(market.borrowRatePerYear().send()).isEqualTo(pct(15));
    }

    @Test
    void shouldRevertWhenBorrowingZero() {
        assertThat(revertOf(borrower, marketAs(borrower).borrow(BigInteger.ZERO, MAX_UINT)))
                .isEqualTo(Errors.of("ZeroAmount"));
    }

    @Test
    void shouldRevertWhenBorrowingMoreThanTheCash() throws Exception {
        openPositions(1_000, 100, 0);
        assertThat(revertOf(borrower, marketAs(borrower).borrow(tokens(1_001), MAX_UINT)))
                .isEqualTo(Errors.of("InsufficientLiquidity", uint(tokens(1_001)), uint(tokens(1_000))));
    }

    @Test
    void shouldRevertWhenBorrowingBeyondTheCollateral() throws Exception {
        openPositions(100_000, 1, 0);
        assertThat(revertOf(borrower, marketAs(borrower).borrow(tokens(1_501), MAX_UINT)))
                .isEqualTo(Errors.of("InsufficientCollateral", uint(tokens(1_500)), uint(tokens(1_501))));
    }

    @Test
    void shouldRevertWhenTheRateAfterBorrowingExceedsTheCallersLimit() throws Exception {
        openPositions(10_000, 100, 0);
        BigInteger expectedRate =
                model().borrowRate(JumpRateMath.utilization(tokens(1_000), tokens(9_000), BigInteger.ZERO));
        BigInteger limit = pct(9);
        assertThat(revertOf(borrower, marketAs(borrower).borrow(tokens(9_000), limit)))
                .isEqualTo(Errors.of("BorrowRateAboveLimit", uint(expectedRate), uint(limit)));
        // the same borrow goes through when the limit allows the resulting rate exactly
        marketAs(borrower).borrow(tokens(9_000), expectedRate).send();
        assertThat(marketAs(admin).borrowRatePerYear().send()).isEqualTo(expectedRate);
    }

    // ---------------------------------------------------------------- repay

    @Test
    void shouldRepayPartOfTheDebt() throws Exception {
        openPositions(10_000, 100, 5_000);
        TransactionReceipt receipt =
                marketAs(borrower).repay(borrower.getAddress(), tokens(2_000)).send();
        LendingMarket.RepaidEventResponse event =
                LendingMarket.getRepaidEvents(receipt).getFirst();
        assertThat(event.amount).isEqualTo(tokens(2_000));
        BigInteger owed = marketAs(admin).borrowBalance(borrower.getAddress()).send();
        assertThat(event.accountBorrows).isEqualTo(owed);
        assertThat(owed).isGreaterThanOrEqualTo(tokens(3_000)).isLessThan(tokens(3_001));
    }

    @Test
    void shouldRepayTheWholeDebtWithMaxUint() throws Exception {
        openPositions(10_000, 100, 5_000);
        devnet.increaseTime(7 * 24 * 3600);
        TransactionReceipt receipt =
                marketAs(borrower).repay(borrower.getAddress(), MAX_UINT).send();
        assertThat(LendingMarket.getRepaidEvents(receipt).getFirst().amount).isGreaterThan(tokens(5_000));
        assertThat(marketAs(admin).borrowBalance(borrower.getAddress()).send()).isZero();
        assertThat(marketAs(admin).totalBorrows().send()).isZero();
    }

    @Test
    void shouldCapAnOverpaymentAtTheDebt() throws Exception {
        openPositions(10_000, 100, 1_000);
        BigInteger before = assetAs(admin).balanceOf(borrower.getAddress()).send();
        TransactionReceipt receipt =
                marketAs(borrower).repay(borrower.getAddress(), tokens(50_000)).send();
        BigInteger repaid = LendingMarket.getRepaidEvents(receipt).getFirst().amount;
        assertThat(repaid).isGreaterThanOrEqualTo(tokens(1_000)).isLessThan(tokens(1_001));
        assertThat(assetAs(admin).balanceOf(borrower.getAddress()).send()).isEqualTo(before.subtract(repaid));
        assertThat(marketAs(admin).borrowBalance(borrower.getAddress()).send()).isZero();
    }

    @Test
    void shouldLetAnyoneRepayOnABorrowersBehalf() throws Exception {
        openPositions(10_000, 100, 1_000);
        TransactionReceipt receipt =
                marketAs(supplier).repay(borrower.getAddress(), tokens(400)).send();
        LendingMarket.RepaidEventResponse event =
                LendingMarket.getRepaidEvents(receipt).getFirst();
        assertThat(event.payer).isEqualToIgnoringCase(supplier.getAddress());
        assertThat(event.borrower).isEqualToIgnoringCase(borrower.getAddress());
        assertThat(marketAs(admin).borrowBalance(borrower.getAddress()).send()).isLessThan(tokens(601));
    }

    @Test
    void shouldRevertWhenRepayingWithoutDebt() {
        assertThat(revertOf(borrower, marketAs(borrower).repay(borrower.getAddress(), tokens(1))))
                .isEqualTo(Errors.of("ZeroAmount"));
    }

    // ---------------------------------------------------------------- interest

    @Test
    void shouldAccrueInterestExactlyAsTheModelPredicts() throws Exception {
        openPositions(100_000, 1_000, 90_000); // above the kink
        LendingMarket market = marketAs(admin);
        BigInteger borrows = market.totalBorrows().send();
        BigInteger reserves = market.totalReserves().send();
        BigInteger index = market.borrowIndex().send();
        BigInteger indexAtBorrow = index;
        BigInteger lastAccrual = market.lastAccrual().send();
        BigInteger cash = cash();

        devnet.increaseTime(90 * 24 * 3600);
        TransactionReceipt receipt = market.accrueInterest().send();

        long elapsed = market.lastAccrual().send().subtract(lastAccrual).longValueExact();
        assertThat(elapsed).isGreaterThanOrEqualTo(90 * 24 * 3600);
        JumpRateMath.Accrual expected = model().accrue(cash, borrows, reserves, index, RESERVE_FACTOR, elapsed);
        assertThat(expected.interest()).isPositive();
        assertThat(market.totalBorrows().send()).isEqualTo(expected.totalBorrows());
        assertThat(market.totalReserves().send()).isEqualTo(expected.totalReserves());
        assertThat(market.borrowIndex().send()).isEqualTo(expected.borrowIndex());
        LendingMarket.InterestAccruedEventResponse event =
                LendingMarket.getInterestAccruedEvents(receipt).getFirst();
        assertThat(List.of(event.interest, event.borrowIndex, event.totalBorrows, event.totalReserves))
                .containsExactly(
                        expected.interest(), expected.borrowIndex(), expected.totalBorrows(), expected.totalReserves());
        assertThat(market.borrowBalance(borrower.getAddress()).send())
                .isEqualTo(tokens(90_000).multiply(expected.borrowIndex()).divide(indexAtBorrow));
        BigInteger totalAssets = cash.add(expected.totalBorrows()).subtract(expected.totalReserves());
        assertThat(market.totalAssets().send()).isEqualTo(totalAssets);
        assertThat(market.balanceOfUnderlying(supplier.getAddress()).send())
                .isEqualTo(tokens(100_000)
                        .multiply(totalAssets)
                        .divide(market.totalShares().send()));
    }

    @Test
    void shouldOnlyMoveTheClockWhenNothingIsBorrowed() throws Exception {
        marketAs(supplier).supply(tokens(1_000)).send();
        BigInteger before = marketAs(admin).lastAccrual().send();
        devnet.increaseTime(3600);
        TransactionReceipt receipt = marketAs(admin).accrueInterest().send();
        assertThat(LendingMarket.getInterestAccruedEvents(receipt)).isEmpty();
        assertThat(marketAs(admin).lastAccrual().send()).isGreaterThanOrEqualTo(before.add(BigInteger.valueOf(3600)));
        assertThat(marketAs(admin).borrowIndex().send()).isEqualTo(WAD);
    }
}
