package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.Bytecode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EvmTest {

    @Test
    void shouldEncodeTheStandardTransferSelectorAndStaticArguments() {
        String data =
                Evm.encode("transfer(address,uint256)", "0x00000000000000000000000000000000000000aa", BigInteger.TEN);

        assertThat(data).startsWith("0xa9059cbb").hasSize(10 + 128);
        assertThat(Evm.addressAt("0x" + data.substring(10), 0)).isEqualTo("0x00000000000000000000000000000000000000aa");
        assertThat(Evm.word("0x" + data.substring(10), 1)).isEqualTo(BigInteger.TEN);
    }

    @Test
    void shouldTakeAddressLikeWordsButNotSmallIntegersFromUndecodedCalldata() {
        String oracle = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
        String data = Evm.encode(
                "listCollateral(address,address,uint256)", oracle, oracle, new BigInteger("800000000000000000"));

        assertThat(Evm.addressWords(data)).containsExactly(oracle);
    }

    @Test
    void shouldNotMistakeSolidityMetadataBytesForSelfdestruct() {
        // PUSH1 0x80 STOP INVALID, then a CBOR map (a2 ...) holding 0xff, then its two-byte length
        String code = "0x608000fe" + "a2ff00" + "0003";

        assertThat(Evm.stripMetadata(code)).isEqualTo("0x608000fe");
        assertThat(Bytecode.containsOpcode(Evm.stripMetadata(code), Bytecode.SELFDESTRUCT))
                .isFalse();
    }

    @Test
    void shouldKeepCodeWithoutMetadataWhole() {
        assertThat(Evm.stripMetadata("0x6080ff")).isEqualTo("0x6080ff");
    }
}
