package io.chaoschain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.RateModel;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RateModelCallsTest {

    @Test
    void shouldComputeSelectorsAsPublishedForWellKnownFunctions() {
        // ERC-20 selectors as published in EIP-20 tooling and every block explorer
        assertThat(Hex.functionSelector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
        assertThat(Hex.functionSelector("balanceOf(address)")).isEqualTo("0x70a08231");
    }

    @Test
    void shouldEncodeSetRateModelAsFourStaticWords() {
        RateModel model =
                new RateModel(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(4), null);
        String calldata = RateModelCalls.setRateModel("0x00000000000000000000000000000000000000aa", model)
                .calldata();

        assertThat(calldata).startsWith(RateModelCalls.SET_RATE_MODEL_SELECTOR).hasSize(10 + 4 * 64);
        assertThat(calldata.substring(10, 74)).isEqualTo("0".repeat(63) + "1");
        assertThat(calldata.substring(202)).isEqualTo("0".repeat(63) + "4");
        assertThat(RateModelCalls.decodeSetRateModel(calldata)).isEqualTo(model);
    }

    @Test
    void shouldRejectCalldataOfAnotherFunction() {
        assertThatThrownBy(() -> RateModelCalls.decodeSetRateModel("0xa9059cbb" + "0".repeat(128)))
                .hasMessageContaining("not setRateModel");
    }

    @Test
    void shouldRejectTruncatedCalldata() {
        assertThatThrownBy(() ->
                        RateModelCalls.decodeSetRateModel(RateModelCalls.SET_RATE_MODEL_SELECTOR + "0".repeat(64)))
                .hasMessageContaining("exactly four words");
    }
}
