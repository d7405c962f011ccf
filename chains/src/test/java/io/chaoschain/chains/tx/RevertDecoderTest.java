package io.chaoschain.chains.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.tx.RevertReason.Kind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class RevertDecoderTest {

    private static String revertData(String signature, Type<?>... args) {
        String selector = Hash.sha3String(signature).substring(0, 10);
        return selector + FunctionEncoder.encodeConstructor(List.of(args));
    }

    @Test
    void shouldDecodeARequireMessage() {
        RevertReason reason =
                RevertDecoder.standard().decode(revertData("Error(string)", new Utf8String("not enough")));

        assertThat(reason.kind()).isEqualTo(Kind.ERROR_MESSAGE);
        assertThat(reason.label()).isEqualTo("not enough");
        assertThat(reason).hasToString("not enough");
    }

    @Test
    void shouldDecodeAPanicCodeWithItsMeaning() {
        RevertReason reason = RevertDecoder.standard().decode(revertData("Panic(uint256)", new Uint256(0x11)));

        assertThat(reason.kind()).isEqualTo(Kind.PANIC);
        assertThat(reason.label()).isEqualTo("Panic(0x11)");
        assertThat(reason).hasToString("Panic(0x11: arithmetic overflow or underflow)");
    }

    @Test
    void shouldDecodeLendingMarketCustomErrorsWithNamedArguments() {
        RevertDecoder decoder = RevertDecoder.bundled();
        String data = revertData(
                "BorrowRateAboveLimit(uint256,uint256)",
                new Uint256(new BigInteger("90000000000000000")),
                new Uint256(new BigInteger("50000000000000000")));

        RevertReason reason = decoder.decode(data);

        assertThat(reason.kind()).isEqualTo(Kind.CUSTOM_ERROR);
        assertThat(reason.name()).isEqualTo("BorrowRateAboveLimit");
        assertThat(reason.arg("borrowRatePerYear")).contains(new BigInteger("90000000000000000"));
        assertThat(reason.arg("maxBorrowRatePerYear")).contains(new BigInteger("50000000000000000"));
        assertThat(reason)
                .hasToString(
                        "BorrowRateAboveLimit(borrowRatePerYear=90000000000000000, maxBorrowRatePerYear=50000000000000000)");
    }

    @Test
    void shouldDecodeDynamicAndAddressArguments() {
        RevertDecoder decoder = RevertDecoder.bundled();

        RevertReason invalid =
                decoder.decode(revertData("InvalidParameter(string,uint256)", new Utf8String("kink"), new Uint256(0)));
        RevertReason unauthorized = decoder.decode(revertData(
                "OwnableUnauthorizedAccount(address)", new Address("0x00000000000000000000000000000000000000aB")));

        assertThat(invalid).hasToString("InvalidParameter(name=kink, value=0)");
        assertThat(unauthorized.arg("account")).contains("0x00000000000000000000000000000000000000ab");
    }

    @Test
    void shouldReadAbisEmbeddedAsStringsInSolcCombinedJson() {
        String combined = """
        {"contracts": {"src/Vault.sol:Vault": {"abi": "[{\\"type\\":\\"error\\",\\"name\\":\\"Locked\\",\
        \\"inputs\\":[{\\"name\\":\\"until\\",\\"type\\":\\"uint256\\"}]}]"}}}""";

        RevertReason reason = RevertDecoder.fromAbiJson(combined).decode(revertData("Locked(uint256)", new Uint256(7)));

        assertThat(reason).hasToString("Locked(until=7)");
    }

    @Test
    void shouldComputeSelectorsOfTupleParametersCanonically() {
        String abi = """
        [{"type":"error","name":"BadOrder","inputs":[{"name":"order","type":"tuple","components":[
          {"name":"amount","type":"uint256"},{"name":"owner","type":"address"}]},{"name":"ids","type":"uint8[]"}]}]""";

        RevertDecoder decoder = RevertDecoder.fromAbiJson(abi);

        assertThat(decoder.errors())
                .containsOnlyKeys(
                        Hash.sha3String("BadOrder((uint256,address),uint8[])").substring(0, 10));
        assertThat(decoder.decode(Hash.sha3String("BadOrder((uint256,address),uint8[])")
                                        .substring(0, 10)
                                + "00".repeat(32))
                        .name())
                .isEqualTo("BadOrder");
    }

    @Test
    void shouldReportUnknownSelectorsEmptyRevertsAndTruncatedDataWithoutThrowing() {
        RevertDecoder decoder = RevertDecoder.bundled();

        assertThat(decoder.decode("0xdeadbeef").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(decoder.decode("0xdeadbeef").label()).isEqualTo("unknown error 0xdeadbeef");
        assertThat(decoder.decode("0x").kind()).isEqualTo(Kind.EMPTY);
        assertThat(decoder.decode(null).kind()).isEqualTo(Kind.EMPTY);
        String truncated = revertData("BorrowRateAboveLimit(uint256,uint256)", new Uint256(1), new Uint256(2))
                .substring(0, 50);
        assertThat(decoder.decode(truncated).name()).isEqualTo("BorrowRateAboveLimit");
        assertThat(decoder.decode(
                                revertData("Error(string)", new Utf8String("x")).substring(0, 20))
                        .kind())
                .isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void shouldMergeDecodersPreferringTheReceiver() {
        RevertDecoder first = RevertDecoder.fromAbiJson("""
        [{"type":"error","name":"A","inputs":[]}]""");
        RevertDecoder second = RevertDecoder.fromAbiJson("""
        [{"type":"error","name":"B","inputs":[]}]""");

        RevertDecoder merged = first.merge(second);

        assertThat(merged.decode(RevertDecoder.selectorOf("A()")).name()).isEqualTo("A");
        assertThat(merged.decode(RevertDecoder.selectorOf("B()")).name()).isEqualTo("B");
    }
}
