package io.chaoschain.simulation.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbiRegistryTest {
    private static final AbiRegistry ABIS = AbiRegistry.bundled();
    private static final String ALICE = "0x00000000000000000000000000000000000000a1";
    private static final String BOB = "0x00000000000000000000000000000000000000b2";
    private static final String TRANSFER_TOPIC =
            Hex.encode(org.web3j.crypto.Hash.sha3("Transfer(address,address,uint256)".getBytes()));

    private static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    @Test
    void shouldDecodeAStandardErc20TransferWithArgumentNames() {
        DecodedCall call = ABIS.decodeCall(Hex.functionSelector("transfer(address,uint256)")
                + word(BOB).substring(2)
                + String.format("%064x", 1000));
        assertThat(call.signature()).isEqualTo("transfer(address,uint256)");
        assertThat(call.args()).extracting(DecodedCall.Argument::value).containsExactly(BOB, "1000");
        assertThat(call.render()).contains(BOB).contains("1000");
    }

    @Test
    void shouldDecodeOurContractsFunctionsFromTheirAbi() {
        DecodedCall call = ABIS.decodeCall(Hex.functionSelector("setReserveFactor(uint256)") + "0".repeat(63) + "5");
        assertThat(call.abiSource()).isEqualTo("LendingMarket");
        assertThat(call.args().getFirst().value()).isEqualTo("5");
    }

    @Test
    void shouldFallBackToTheSelectorForUnknownFunctions() {
        DecodedCall call = ABIS.decodeCall("0xdeadbeef00");
        assertThat(call.known()).isFalse();
        assertThat(call.selector()).isEqualTo("0xdeadbeef");
        assertThat(call.render()).startsWith("0xdeadbeef");
    }

    @Test
    void shouldTellErc20AndErc721TransfersApartByTheirIndexedTopics() {
        DecodedLog erc20 = ABIS.decodeLog(
                0, "0x01", List.of(TRANSFER_TOPIC, word(ALICE), word(BOB)), "0x" + String.format("%064x", 7));
        assertThat(erc20.arg("from")).isEqualTo(ALICE);
        assertThat(erc20.arg("to")).isEqualTo(BOB);
        assertThat(erc20.arg("value")).isEqualTo("7");

        DecodedLog erc721 = ABIS.decodeLog(
                0, "0x01", List.of(TRANSFER_TOPIC, word(ALICE), word(BOB), "0x" + String.format("%064x", 9)), "0x");
        assertThat(erc721.known()).isTrue();
        assertThat(erc721.args()).extracting(DecodedCall.Argument::value).containsExactly(ALICE, BOB, "9");
    }

    @Test
    void shouldLeaveUnknownEventsUndecoded() {
        DecodedLog log = ABIS.decodeLog(0, "0x01", List.of("0x" + "ab".repeat(32)), "0x");
        assertThat(log.known()).isFalse();
    }
}
