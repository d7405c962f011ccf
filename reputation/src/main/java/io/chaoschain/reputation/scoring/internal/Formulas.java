package io.chaoschain.reputation.scoring.internal;

import java.math.BigInteger;

/**
 * The per-term arithmetic, shared by scoring and explaining so both produce bit-identical values. Doubles are
 * deterministic here: Java evaluates IEEE 754 strictly and {@link StrictMath} fixes the transcendental results, and every
 * term is rounded to fixed point (nine decimals, half-up) before any summation, so sums are exact and order-free.
 */
public final class Formulas {

    public static final int SCALE = 9;
    private static final double UNITS = 1e9;
    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Formulas() {}

    /** {@code 0.5^(age / halfLife)}; 1 at age zero. */
    public static double decay(long ageSeconds, long halfLifeSeconds) {
        if (ageSeconds <= 0) {
            return 1.0;
        }
        return StrictMath.pow(0.5, (double) ageSeconds / (double) halfLifeSeconds);
    }

    /** Feedback quantity mapped to [-1, 1] around the neutral value. */
    public static double sentiment(BigInteger value, int decimals, double neutral, double halfRange) {
        double quantity = value.doubleValue() / POW10[decimals];
        double s = (quantity - neutral) / halfRange;
        return Math.max(-1.0, Math.min(1.0, s));
    }

    /** Saturating trust factor in [0, 1). */
    public static double trustFactor(double trust, double halfSaturation) {
        return trust <= 0 ? 0.0 : trust / (trust + halfSaturation);
    }

    public static double feedbackWeight(
            double feedbackWeight, double sentiment, double trustFactor, int reviewsInPair) {
        return feedbackWeight * sentiment * trustFactor / reviewsInPair;
    }

    /** Fixed-point units (1e-9 points), rounded half-up. */
    public static long quantize(double points) {
        return Math.round(points * UNITS);
    }

    public static double points(long units) {
        return units / UNITS;
    }
}
