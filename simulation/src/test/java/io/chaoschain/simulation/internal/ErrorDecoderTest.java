package io.chaoschain.simulation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class ErrorDecoderTest {
    private static final ErrorDecoder DECODER = ErrorDecoder.fromClasspath();

    /** Revert data as the EVM returns it: 4-byte selector of the error signature, then ABI-encoded arguments. */
    private static String revertData(String signature, Type<?>... args) {
        String selector = Hash.sha3String(signature).substring(0, 10);
        return selector + FunctionEncoder.encodeConstructor(List.of(args));
    }

    @Test
    void shouldNameLendingMarketCustomErrorsFromTheContractAbis() {
        ErrorDecoder.Reason reason = DECODER.decode(revertData(
                "BorrowRateAboveLimit(uint256,uint256)",
                new Uint256(BigInteger.valueOf(350)),
                new Uint256(BigInteger.valueOf(300))));

        assertThat(reason.name()).isEqualTo("BorrowRateAboveLimit");
        assertThat(reason.detail()).isEqualTo("BorrowRateAboveLimit(350, 300)");
    }

    @Test
    void shouldRenderStringAndAddressArgumentsOfCustomErrors() {
        assertThat(DECODER.decode(revertData(
                                "InvalidParameter(string,uint256)",
                                new Utf8String("kink"),
                                new Uint256(BigInteger.ZERO)))
                        .detail())
                .isEqualTo("InvalidParameter(\"kink\", 0)");
        String account = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        assertThat(DECODER.decode(revertData("OwnableUnauthorizedAccount(address)", new Address(account)))
                        .detail())
                .isEqualTo("OwnableUnauthorizedAccount(" + account + ")");
    }

    @Test
    void shouldUseTheMessageOfErrorString() {
        ErrorDecoder.Reason reason = DECODER.decode(revertData("Error(string)", new Utf8String("market paused")));

        assertThat(reason.name()).isEqualTo("market paused");
    }

    @Test
    void shouldDescribePanicCodes() {
        ErrorDecoder.Reason reason =
                DECODER.decode(revertData("Panic(uint256)", new Uint256(BigInteger.valueOf(0x11))));

        assertThat(reason.name()).isEqualTo("Panic(0x11)");
        assertThat(reason.detail()).isEqualTo("Panic(0x11): arithmetic overflow or underflow");
    }

    @Test
    void shouldShowTheSelectorOfUnknownErrors() {
        String data = revertData("SomethingElse(uint256)", new Uint256(BigInteger.ONE));

        assertThat(DECODER.decode(data).name()).isEqualTo("unknown error " + data.substring(0, 10));
    }

    @Test
    void shouldSayWhenARevertCarriesNoData() {
        assertThat(DECODER.decode("0x").name()).isEqualTo("reverted without reason");
        assertThat(DECODER.decode(null).name()).isEqualTo("reverted without reason");
    }

    @Test
    void shouldFallBackToTheBareNameWhenArgumentsAreMalformed() {
        String truncated =
                Hash.sha3String("BorrowRateAboveLimit(uint256,uint256)").substring(0, 10) + "00ff";

        assertThat(DECODER.decode(truncated).detail()).isEqualTo("BorrowRateAboveLimit");
    }

    @Test
    void shouldComputeSelectorsOfTupleErrorsFromTheirComponents() throws Exception {
        ErrorDecoder decoder = ErrorDecoder.fromCombinedJson(new ObjectMapper().readTree("""
        {"X": {"abi": [{"type": "error", "name": "Bad", "inputs": [
          {"type": "tuple", "components": [{"type": "uint256"}, {"type": "address"}]}]}]}}
        """));

        String data = Hash.sha3String("Bad((uint256,address))").substring(0, 10);
        assertThat(decoder.decode(data + "00".repeat(64)).name()).isEqualTo("Bad");
    }
}
