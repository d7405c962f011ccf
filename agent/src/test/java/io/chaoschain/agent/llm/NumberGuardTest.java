package io.chaoschain.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberGuardTest {
    static final String METRICS = "{\"utilization\":\"0.9634\",\"borrowApr\":\"0.1312\",\"samples\":10,"
            + "\"change\":{\"utilization\":\"-0.0734\"},\"reportHash\":\"0x5e1f00aa\"}";

    static Set<BigDecimal> evidence(String... results) {
        return NumberGuard.evidence(List.of(results), List.of());
    }

    @Test
    void shouldReadPercentagesUnitsDecimalsAndLargeNumbersAsClaimsButNotSmallCountsOrHex() {
        var claims = NumberGuard.claims(
                "One call, 2 candidates: utilization 96.34% over 10 snapshots, 25 bps, x 0.5, 4x, block 145,"
                        + " address 0x00000000000000000000000000000000000000aa, 1,250 transactions.");
        assertThat(claims)
                .extracting(NumberGuard.Claim::text)
                .containsExactly("96.34%", "10 snapshots", "25 bps", "0.5", "4x", "145", "1,250 transactions");
        assertThat(claims.get(6).value()).isEqualByComparingTo("1250");
    }

    @Test
    void shouldAcceptAPercentageThatRoundsAToolsFraction() {
        var e = evidence(METRICS);
        assertThat(NumberGuard.unsupported("utilization averaged 96.34%", e)).isEmpty();
        assertThat(NumberGuard.unsupported("utilization averaged 96.3%", e)).isEmpty();
        assertThat(NumberGuard.unsupported("utilization averaged 96%", e)).isEmpty();
        assertThat(NumberGuard.unsupported("borrowing costs 13.12 percent", e)).isEmpty();
    }

    @Test
    void shouldRefuseAPercentageOutsideTheClaimsRounding() {
        var e = evidence(METRICS);
        assertThat(NumberGuard.unsupported("utilization averaged 96.4%", e))
                .extracting(NumberGuard.Claim::text)
                .containsExactly("96.4%");
        assertThat(NumberGuard.unsupported("utilization averaged 97%", e)).hasSize(1);
    }

    @Test
    void shouldAcceptAFallStatedWithoutItsSignAndCountsFromTheTools() {
        var e = evidence(METRICS);
        assertThat(NumberGuard.unsupported("a fall of 7.34% over 10 snapshots", e))
                .isEmpty();
        assertThat(NumberGuard.unsupported("over 12 snapshots", e)).hasSize(1);
    }

    @Test
    void shouldReadWadIntegersAsTheFractionTheyEncodeAndAcceptTheDraftsOwnArguments() {
        var e = NumberGuard.evidence(
                List.of("{\"jumpMultiplierPerYear\":{\"wad\":\"250000000000000000\"}}"),
                List.of(BigInteger.TEN.pow(18)));
        assertThat(NumberGuard.unsupported("from 25% (250000000000000000) to 100% (1000000000000000000)", e))
                .isEmpty();
        assertThat(NumberGuard.unsupported("to 200%", e))
                .extracting(NumberGuard.Claim::text)
                .containsExactly("200%");
    }

    @Test
    void shouldNotTakeHexDigitsAsEvidence() {
        var e = evidence("{\"reportHash\":\"0x5100aa\",\"note\":\"tx 0x77ab\"}");
        assertThat(NumberGuard.unsupported("5100 blocks and 77 transactions", e))
                .extracting(NumberGuard.Claim::text)
                .containsExactly("5100 blocks", "77 transactions");
    }

    @Test
    void shouldReadNumbersInPlainTextResults() {
        var e = evidence("error: something 42.5 happened");
        assertThat(NumberGuard.unsupported("value 42.5", e)).isEmpty();
    }

    @Test
    void shouldMatchBasisPointsAgainstFractions() {
        var e = evidence("{\"fee\":\"0.0025\"}");
        assertThat(NumberGuard.unsupported("a fee of 25 bps", e)).isEmpty();
        assertThat(NumberGuard.unsupported("a fee of 30 basis points", e)).hasSize(1);
    }
}
