package io.chaoschain.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats fractions as percentages for proposal text: 0.9634 -> "96.34%". */
public final class Percent {
    private Percent() {}

    public static String of(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
