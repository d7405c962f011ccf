package io.chaoschain.simulation.checks.governance.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Amount;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Setting;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Verb;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimExtractorTest {
    private static final String MULTISIG = "0x9d4c0b6f5a1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String ORACLE = "0x50ce56a3c3b5ef2d1d3b39f3c1a2b4f5e6d7c8b9";
    private static final String COMPTROLLER = "0x3d9819210a31b4961b30ef54be2aed79b9c9cd3b";

    private static final String COMPOUND_STYLE = """
            # Risk Parameter Updates and Grants Funding

            ## Summary
            Gauntlet recommends the following changes to the **Compound v2** markets. This proposal has three actions:

            1. Raise the collateral factor of cUSDC to 80%.
            2. Set the reserve factor of cDAI to 15 %.
            3. Transfer 250,000 USDC from the Timelock to the [grants multisig](https://etherscan.io/address/MULTISIG) MULTISIG.

            The grants program's budget is capped at 1,000,000 USDC per year (see Proposal 117, July 2022).
            """.replace("MULTISIG", MULTISIG);

    private static final String AAVE_STYLE = """
            ## Simple Summary
            Switch the Comptroller's price oracle to the new feed oracle at ORACLE and grant an exact-amount approval of
            50,000 USDC to the grants multisig MULTISIG (grants.aave.eth). No other parameter changes; about 1.5M COMP in the
            reserves stays where it is.
            """.replace("ORACLE", ORACLE).replace("MULTISIG", MULTISIG);

    private static final String UNISWAP_STYLE = """
            Uniswap governance proposal: fund the Uniswap Foundation.

            This proposal consists of two calls. The Timelock sends ~1.5M UNI to MULTISIG and pays 100 ETH to the same
            address for audits; both are paid in full on execution.
            """.replace("MULTISIG", MULTISIG);

    @Test
    void shouldReadAmountsTokensAndRecipientsFromACompoundStyleDescription() {
        DescriptionClaims c = ClaimExtractor.extract(COMPOUND_STYLE);

        Amount transfer = c.amounts().stream()
                .filter(a -> a.verb() == Verb.MOVE)
                .findFirst()
                .orElseThrow();
        assertThat(transfer.value()).isEqualByComparingTo("250000");
        assertThat(transfer.token()).isEqualTo("USDC");
        assertThat(transfer.recipient()).isEqualTo(MULTISIG);
        assertThat(c.amounts())
                .filteredOn(a -> a.value().compareTo(new BigDecimal("1000000")) == 0)
                .singleElement()
                .extracting(Amount::verb)
                .isEqualTo(Verb.MENTION);
        assertThat(c.actionCount()).isEqualTo(3);
        assertThat(c.addresses()).containsExactly(MULTISIG);
    }

    @Test
    void shouldReadParametersWithTheirNamesAndValues() {
        DescriptionClaims c = ClaimExtractor.extract(COMPOUND_STYLE);

        assertThat(c.settings())
                .anySatisfy(s -> {
                    assertThat(s.words()).contains("collateral", "factor", "usdc");
                    assertThat(s.value()).isEqualByComparingTo("80");
                    assertThat(s.unit()).isEqualTo("%");
                })
                .anySatisfy(s -> {
                    assertThat(s.words()).contains("reserve", "factor");
                    assertThat(s.value()).isEqualByComparingTo("15");
                });
        assertThat(c.amounts())
                .noneMatch(a -> a.value().compareTo(new BigDecimal("117")) == 0 && a.verb() != Verb.MENTION);
    }

    @Test
    void shouldReadAnAddressGivenAsTheNewValueOfAParameter() {
        DescriptionClaims c = ClaimExtractor.extract(AAVE_STYLE);

        assertThat(c.settings())
                .filteredOn(s -> ORACLE.equals(s.address()))
                .singleElement()
                .extracting(Setting::words)
                .satisfies(w -> assertThat(w).contains("price", "oracle"));
        assertThat(c.settings()).noneMatch(s -> MULTISIG.equals(s.address()));
    }

    @Test
    void shouldReadAnApprovalAndKeepEnsNamesAsText() {
        DescriptionClaims c = ClaimExtractor.extract(AAVE_STYLE);

        Amount approval = c.amounts().stream()
                .filter(a -> a.verb() == Verb.APPROVE)
                .findFirst()
                .orElseThrow();
        assertThat(approval.value()).isEqualByComparingTo("50000");
        assertThat(approval.token()).isEqualTo("USDC");
        assertThat(approval.recipient()).isEqualTo(MULTISIG);
        assertThat(c.mentions(List.of("exact amount", "exact-amount"))).isTrue();
        assertThat(c.names()).containsExactly("grants.aave.eth");
        Amount reserves = c.amounts().stream()
                .filter(a -> "COMP".equals(a.token()))
                .findFirst()
                .orElseThrow();
        assertThat(reserves.value()).isEqualByComparingTo("1500000");
        assertThat(reserves.verb()).isEqualTo(Verb.MENTION);
    }

    @Test
    void shouldReadEstimatesMultipliersAndEther() {
        DescriptionClaims c = ClaimExtractor.extract(UNISWAP_STYLE);

        assertThat(c.amounts())
                .filteredOn(a -> a.verb() == Verb.MOVE)
                .extracting(Amount::toString)
                .containsExactly("1500000 UNI", "100 ETH");
        assertThat(c.amounts().getFirst().approximate()).isTrue();
        assertThat(c.amounts().get(1).ether()).isTrue();
        assertThat(c.actionCount()).isEqualTo(2);
    }

    @Test
    void shouldNotTakeNumbersOfContextForClaims() {
        DescriptionClaims c = ClaimExtractor.extract(
                "BIP-18: in 2024 the DAO granted 3 teams funding; this grant covers Q3 2024 for the team. "
                        + "It is executed in one transaction.");

        assertThat(c.amounts()).noneMatch(a -> a.verb() == Verb.MOVE);
        assertThat(c.actionCount()).isNull();
    }

    @Test
    void shouldReadFromAndToValuesOfAParameterInOneClause() {
        DescriptionClaims c = ClaimExtractor.extract("Raise the quorum from 4 % to 5 % of the supply.");

        assertThat(c.settings()).extracting(Setting::value).containsExactly(new BigDecimal("4"), new BigDecimal("5"));
        assertThat(c.settings().getFirst().words()).contains("quorum");
    }

    @Test
    void shouldReadMarkdownTablesAndBulletsAsClauses() {
        DescriptionClaims c = ClaimExtractor.extract("""
                | Parameter | Current | Proposed |
                |---|---|---|
                | Reserve factor | 10% | 20% |

                - Send 12.5 WETH to COMPTROLLER for the audit
                """.replace("COMPTROLLER", COMPTROLLER));

        assertThat(c.settings()).extracting(Setting::value).contains(new BigDecimal("10"), new BigDecimal("20"));
        Amount send = c.amounts().getFirst();
        assertThat(send.value()).isEqualByComparingTo("12.5");
        assertThat(send.token()).isEqualTo("WETH");
        assertThat(send.verb()).isEqualTo(Verb.MOVE);
        assertThat(send.recipient()).isEqualTo(COMPTROLLER);
    }

    @Test
    void shouldGiveNothingForAnEmptyDescription() {
        DescriptionClaims c = ClaimExtractor.extract("");

        assertThat(c.amounts()).isEmpty();
        assertThat(c.settings()).isEmpty();
        assertThat(c.addresses()).isEmpty();
        assertThat(c.actionCount()).isNull();
    }
}
