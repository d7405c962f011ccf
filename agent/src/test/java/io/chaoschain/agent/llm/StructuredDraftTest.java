package io.chaoschain.agent.llm;

import static io.chaoschain.agent.llm.LlmFixtures.MODEL;
import static io.chaoschain.agent.llm.LlmFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.core.Json;
import io.chaoschain.core.proposal.ParameterChange;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StructuredDraftTest {
    static final String ARGS =
            "{\"baseRatePerYear\":\"20000000000000000\",\"multiplierPerYear\":\"100000000000000000\","
                    + "\"jumpMultiplierPerYear\":\"JUMP\",\"kink\":\"KINK\"}";

    static StructuredDraft draft(String jump, String kink, String statedTo) throws Exception {
        String json = "{\"title\":\"t\",\"description\":\"d\",\"function\":\"setRateModel\",\"arguments\":"
                + ARGS.replace("JUMP", jump).replace("KINK", kink)
                + ",\"change\":{\"parameter\":\"jumpMultiplierPerYear\",\"from\":\"250000000000000000\",\"to\":\""
                + statedTo + "\"}}";
        return StructuredDraft.parse(Json.mapper().readTree(json), TARGET, true);
    }

    @Test
    void shouldEncodeCalldataThatDecodesToExactlyTheStatedChange() throws Exception {
        var d = draft("1000000000000000000", "800000000000000000", "1000000000000000000");
        var action = d.encode(TARGET);
        assertThat(action.target()).isEqualTo(LlmFixtures.MARKET);
        assertThat(RateModelCalls.decodeSetRateModel(action.calldata()).jumpMultiplierPerYear())
                .isEqualTo(BigInteger.TEN.pow(18));
        assertThat(StructuredDraft.calldataMismatches(action, d.stated(), MODEL))
                .isEmpty();
    }

    @Test
    void shouldRefuseCalldataThatSetsAnotherValueThanStated() throws Exception {
        var d = draft("2000000000000000000", "800000000000000000", "1000000000000000000");
        assertThat(StructuredDraft.calldataMismatches(d.encode(TARGET), d.stated(), MODEL))
                .containsExactly("the calldata sets jumpMultiplierPerYear=2000000000000000000 but change.to states"
                        + " 1000000000000000000");
    }

    @Test
    void shouldRefuseCalldataThatAlsoChangesAParameterTheDraftDoesNotState() throws Exception {
        var d = draft("1000000000000000000", "900000000000000000", "1000000000000000000");
        assertThat(StructuredDraft.calldataMismatches(d.encode(TARGET), d.stated(), MODEL))
                .containsExactly("the calldata also changes kink from 800000000000000000 to 900000000000000000,"
                        + " which the stated change does not mention");
    }

    @Test
    void shouldRefuseAStatedOldValueThatIsNotTheMarketsCurrentOne() throws Exception {
        var d = draft("1000000000000000000", "800000000000000000", "1000000000000000000");
        var wrongFrom = new ParameterChange(
                LlmFixtures.MARKET, "jumpMultiplierPerYear", BigInteger.ONE, BigInteger.TEN.pow(18));
        assertThat(StructuredDraft.calldataMismatches(d.encode(TARGET), wrongFrom, MODEL))
                .containsExactly("change.from 1 is not the current jumpMultiplierPerYear 250000000000000000");
    }

    @Test
    void shouldRefuseAFunctionOutsideTheKnownAbiAndNameBadFields() {
        assertThatThrownBy(() -> StructuredDraft.parse(
                        Json.mapper().readTree("{\"function\":\"transferOwnership\",\"arguments\":{}}"), TARGET, false))
                .isInstanceOf(StructuredDraft.MalformedDraft.class)
                .hasMessageContaining("function 'transferOwnership' is not in the market's ABI");
        assertThatThrownBy(() -> draft("1e18x", "800000000000000000", "1"))
                .hasMessage("arguments.jumpMultiplierPerYear must be a WAD-scaled integer, got '1e18x'");
        assertThatThrownBy(() -> StructuredDraft.parse(
                        Json.mapper()
                                .readTree("{\"function\":\"setRateModel\",\"arguments\":"
                                        + ARGS.replace("JUMP", "1")
                                                .replace("KINK", "2")
                                                .replace("}", ",\"owner\":\"1\"}")
                                        + "}"),
                        TARGET,
                        false))
                .hasMessage("arguments has parameters setRateModel does not take: [owner]");
    }
}
