package io.chaoschain.agent;

import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A deterministic analyst for jump-rate lending markets. It looks for utilization that stays above the kink — the
 * liquidity squeeze in which suppliers cannot withdraw — while the curve above the kink is too flat to push borrowers
 * out. The lever it proposes is the jump multiplier, the parameter DAOs such as Compound and Aave change most often for
 * exactly this symptom.
 */
public final class RateModelAnalyst {
    private static final BigDecimal WAD = new BigDecimal("1e18");
    private final AnalystSettings settings;

    public RateModelAnalyst(AnalystSettings settings) {
        this.settings = settings;
    }

    public AnalystSettings settings() {
        return settings;
    }

    /** Returns an opportunity when the history shows sustained utilization above both the kink and the threshold. */
    public Optional<Opportunity> detect(String market, List<MarketSnapshot> history, RateModel model) {
        if (history.size() < settings.minSamples()) {
            return Optional.empty();
        }
        List<MarketSnapshot> window = history.stream()
                .sorted(Comparator.comparingLong(MarketSnapshot::blockNumber))
                .toList();
        BigDecimal kink = fraction(model.kink());
        BigDecimal threshold = settings.highUtilization().max(kink);
        int stressed = (int) window.stream()
                .filter(s -> s.utilization().compareTo(threshold) > 0)
                .count();
        BigDecimal share =
                BigDecimal.valueOf(stressed).divide(BigDecimal.valueOf(window.size()), MathContext.DECIMAL64);
        if (share.compareTo(settings.stressedShare()) < 0) {
            return Optional.empty();
        }
        BigDecimal meanUtil =
                mean(window.stream().map(MarketSnapshot::utilization).toList());
        BigDecimal maxUtil = window.stream()
                .map(MarketSnapshot::utilization)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        BigDecimal meanBorrow =
                mean(window.stream().map(MarketSnapshot::borrowApr).toList());
        BigDecimal meanSupply =
                mean(window.stream().map(MarketSnapshot::supplyApr).toList());
        String summary = String.format(
                "utilization was above %s in %d of %d snapshots (mean %s, peak %s) while the kink is %s; the jump multiplier of"
                        + " %s leaves borrowing cheap (mean borrow APR %s), so liquidity for withdrawals stays thin",
                Percent.of(threshold),
                stressed,
                window.size(),
                Percent.of(meanUtil),
                Percent.of(maxUtil),
                Percent.of(kink),
                Percent.of(fraction(model.jumpMultiplierPerYear())),
                Percent.of(meanBorrow));
        return Optional.of(new Opportunity(
                market,
                "utilization-above-kink",
                summary,
                window.getFirst().blockNumber(),
                window.getLast().blockNumber(),
                window.size(),
                stressed,
                meanUtil,
                maxUtil,
                meanBorrow,
                meanSupply));
    }

    /** The first sweep's candidate jump multipliers: the current one times each configured factor. */
    public List<java.math.BigInteger> initialCandidates(RateModel model) {
        return settings.jumpFactors().stream()
                .map(f -> new BigDecimal(model.jumpMultiplierPerYear())
                        .multiply(f)
                        .setScale(0, RoundingMode.HALF_UP))
                .map(BigDecimal::toBigIntegerExact)
                .toList();
    }

    static BigDecimal fraction(java.math.BigInteger wad) {
        return new BigDecimal(wad).divide(WAD, MathContext.DECIMAL64);
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
    }
}
