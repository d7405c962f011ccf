package io.chaoschain.simulation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytecodeTest {
    @Test
    void shouldFindAnOpcodeThatIsAnInstruction() {
        assertThat(Bytecode.containsOpcode("0x33ff", Bytecode.SELFDESTRUCT)).isTrue();
        assertThat(Bytecode.containsOpcode("0x60006000f4", Bytecode.DELEGATECALL))
                .isTrue();
    }

    @Test
    void shouldIgnoreTheOpcodeByteInsidePushData() {
        assertThat(Bytecode.containsOpcode("0x60ff00", Bytecode.SELFDESTRUCT)).isFalse();
        assertThat(Bytecode.containsOpcode("0x7f" + "f4".repeat(32) + "00", Bytecode.DELEGATECALL))
                .isFalse();
    }

    @Test
    void shouldNotReadSolcMetadataAsInstructions() {
        // STOP, then a 3-byte CBOR map {..} holding 0xff, then its length 0x0003
        String code = "0x00" + "a1ff00" + "0003";
        assertThat(Bytecode.containsOpcode(code, Bytecode.SELFDESTRUCT)).isFalse();
        assertThat(Bytecode.containsOpcode("0x33ff" + "a100" + "0002", Bytecode.SELFDESTRUCT))
                .isTrue();
    }

    @Test
    void shouldResolveAMinimalProxyAndNothingElse() {
        String impl = "bebebebebebebebebebebebebebebebebebebebe";
        String clone = "0x363d3d373d3d3d363d73" + impl + "5af43d82803e903d91602b57fd5bf3";
        assertThat(Bytecode.minimalProxyTarget(clone)).contains("0x" + impl);
        assertThat(Bytecode.minimalProxyTarget("0x33ff")).isEmpty();
    }

    @Test
    void shouldHashEmptyCodeToTheWellKnownValue() {
        assertThat(Bytecode.codeHash("0x")).isEqualTo(Bytecode.EMPTY_CODE_HASH);
    }
}
