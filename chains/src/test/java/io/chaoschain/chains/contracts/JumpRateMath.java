package io.chaoschain.chains.contracts;

import java.math.BigInteger;

/**
 * An independent Java statement of the Compound-style jump-rate model and per-second simple-interest accrual, in
 * WAD fixed point with floor division, to check LendingMarket's numbers against.
 */
record JumpRateMath(BigInteger base, BigInteger multiplier, BigInteger jumpMultiplier, BigInteger kink) {
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger SECONDS_PER_YEAR = BigInteger.valueOf(365L * 24 * 3600);

    /** borrows / (cash + borrows - reserves), capped at 100%; 0 without borrows. */
    static BigInteger utilization(BigInteger cash, BigInteger borrows, BigInteger reserves) {
        if (borrows.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger supplied = cash.add(borrows).subtract(reserves);
        if (supplied.signum() == 0) {
            return WAD;
        }
        return borrows.multiply(WAD).divide(supplied).min(WAD);
    }

    /** base + u·multiplier up to the kink, then + (u - kink)·jumpMultiplier. */
    BigInteger borrowRate(BigInteger u) {
        if (u.compareTo(kink) <= 0) {
            return base.add(u.multiply(multiplier).divide(WAD));
        }
        BigInteger atKink = base.add(kink.multiply(multiplier).divide(WAD));
        return atKink.add(u.subtract(kink).multiply(jumpMultiplier).divide(WAD));
    }

    /** What suppliers earn: borrowRate · u · (1 - reserveFactor). */
    BigInteger supplyRate(BigInteger u, BigInteger reserveFactor) {
        return borrowRate(u)
                .multiply(u)
                .divide(WAD)
                .multiply(WAD.subtract(reserveFactor))
                .divide(WAD);
    }

    /** The market's state after {@code elapsed} seconds of simple interest at the current utilisation. */
    Accrual accrue(
            BigInteger cash,
            BigInteger borrows,
            BigInteger reserves,
            BigInteger index,
            BigInteger reserveFactor,
            long elapsed) {
        BigInteger factor = borrowRate(utilization(cash, borrows, reserves))
                .multiply(BigInteger.valueOf(elapsed))
                .divide(SECONDS_PER_YEAR);
        BigInteger interest = borrows.multiply(factor).divide(WAD);
        return new Accrual(
                interest,
                borrows.add(interest),
                reserves.add(interest.multiply(reserveFactor).divide(WAD)),
                index.add(index.multiply(factor).divide(WAD)));
    }

    record Accrual(BigInteger interest, BigInteger totalBorrows, BigInteger totalReserves, BigInteger borrowIndex) {}
}
