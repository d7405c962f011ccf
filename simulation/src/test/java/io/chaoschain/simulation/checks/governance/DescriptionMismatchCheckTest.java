package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.evidence.DecodedCall.Argument;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptionMismatchCheckTest {
    private static final String MARKET = "0x3000000000000000000000000000000000000003";
    private static final String TOKEN = "0x4000000000000000000000000000000000000004";
    private static final String RECIPIENT = "0x95bd8d42f30351685e96c62eddc0d0613bf9a87a";

    private static CheckResult evaluate(String description) {
        FakeChain chain = new FakeChain().contract(MARKET).contract(TOKEN);
        return new DescriptionMismatchCheck()
                .evaluate(
                        chain.evidence(
                                description,
                                List.of(
                                        FakeChain.action(
                                                0,
                                                MARKET,
                                                "setReserveFactor(uint256)",
                                                List.of(new Argument("rf", "uint256", "15")),
                                                BigInteger.valueOf(15)),
                                        FakeChain.action(
                                                1,
                                                TOKEN,
                                                "transfer(address,uint256)",
                                                List.of(
                                                        new Argument("to", "address", RECIPIENT),
                                                        new Argument("value", "uint256", "400")),
                                                RECIPIENT,
                                                BigInteger.valueOf(400))),
                                List.of(),
                                Map.of()),
                        CheckSettings.defaults());
    }

    @Test
    void shouldFailWhenTheDescriptionHidesATransfer() {
        CheckResult r = evaluate("Set the reserve factor of the lending market to 15 %");

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence())
                .anyMatch(l -> l.contains("transfer") && l.contains("not disclosed"))
                .anyMatch(l -> l.contains(RECIPIENT) && l.contains("does not name"));
    }

    @Test
    void shouldPassWhenEveryActionAndRecipientIsNamed() {
        CheckResult r = evaluate("Set the reserve factor to 15 % and transfer 400 to " + RECIPIENT);

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailOnALookAlikeAddressInTheDescription() {
        String lookAlike = "0x95bd" + "0".repeat(32) + "9a87a".substring(1);
        CheckResult r = evaluate(
                "Set the reserve factor to 15 % and transfer 400 to " + RECIPIENT + " (the grantee " + lookAlike + ")");

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("look-alike"));
    }

    @Test
    void shouldSplitFunctionNamesIntoWordsWithoutFiller() {
        assertThat(DescriptionMismatchCheck.words("setReserveFactor", List.of("set", "to")))
                .containsExactly("reserve", "factor");
    }

    @Test
    void shouldNotJudgeADraftThatHasNoDescriptionYet() {
        assertThat(evaluate("").status()).isEqualTo(CheckResult.Status.PASS);
    }
}
