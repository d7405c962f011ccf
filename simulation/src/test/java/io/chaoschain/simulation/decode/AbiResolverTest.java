package io.chaoschain.simulation.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.evidence.DecodedCall;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbiResolverTest {
    private static final String TARGET = "0x00000000000000000000000000000000000000c1";
    private static final String SPENDER = "0x1111111111111111111111111111111111111111";
    private static final String APPROVE = Hex.functionSelector("approve(address,uint256)");

    /** A probe over fixed code and fixed call answers, as an Anvil fork would give them. */
    private record FixedProbe(Map<String, String> codes, Map<String, String> answers, Map<String, String> slots)
            implements ContractProbe {
        FixedProbe() {
            this(new HashMap<>(), new HashMap<>(), new HashMap<>());
        }

        @Override
        public String code(String address) {
            return codes.getOrDefault(address, "0x");
        }

        @Override
        public String call(String to, String data) {
            return answers.get(to + data);
        }

        @Override
        public String storage(String address, BigInteger slot) {
            return slots.get(address);
        }

        @Override
        public long chainId() {
            return 1;
        }
    }

    private static String word(String hexOrAddress) {
        String h = hexOrAddress.startsWith("0x") ? hexOrAddress.substring(2) : hexOrAddress;
        return "0".repeat(64 - h.length()) + h;
    }

    private static ProposalAction action(String calldata, String signature) {
        return new ProposalAction(TARGET, BigInteger.ZERO, calldata, signature);
    }

    @Test
    void shouldShowAnErc20ApproveWithErc20NamesWhenTheTargetIsNoErc721() {
        FixedProbe probe = new FixedProbe();
        String calldata = APPROVE + word(SPENDER) + word("3e8");

        DecodedCall call = AbiResolver.bundledOnly().decodeCall(action(calldata, ""), probe);

        assertThat(call.args()).extracting(DecodedCall.Argument::name).containsExactly("spender", "value");
        assertThat(call.render()).isEqualTo("approve(spender=" + SPENDER + ", value=1000)");
    }

    @Test
    void shouldShowAnErc721ApproveWithTokenIdWhenTheTargetSupportsTheErc721Interface() {
        FixedProbe probe = new FixedProbe();
        probe.answers()
                .put(
                        TARGET + Hex.functionSelector("supportsInterface(bytes4)") + "80ac58cd" + "0".repeat(56),
                        "0x" + word("1"));
        String calldata = APPROVE + word(SPENDER) + word("7");

        DecodedCall call = AbiResolver.bundledOnly().decodeCall(action(calldata, ""), probe);

        assertThat(call.args()).extracting(DecodedCall.Argument::name).containsExactly("to", "tokenId");
        assertThat(call.args()).extracting(DecodedCall.Argument::value).containsExactly(SPENDER, "7");
    }

    @Test
    void shouldDecodeABravoSignatureFormActionWithItsSignatureWhenNoAbiKnowsIt() {
        String signature = "setRewardCurve(uint256,address)";
        String calldata = Hex.functionSelector(signature) + word("2a") + word(SPENDER);

        DecodedCall call = AbiResolver.bundledOnly().decodeCall(action(calldata, signature), new FixedProbe());

        assertThat(call.known()).isTrue();
        assertThat(call.abiSource()).isEqualTo("signature");
        assertThat(call.args()).extracting(DecodedCall.Argument::value).containsExactly("42", SPENDER);
    }

    @Test
    void shouldInferSelectorsAndArgumentShapesFromBytecodeWhenNothingElseKnowsTheFunction() throws Exception {
        JsonNode combined;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AbiRegistry.COMBINED_JSON)) {
            combined = new ObjectMapper().readTree(in);
        }
        String code = "0x" + combined.path("LendingMarket").path("bin").asText();
        FixedProbe probe = new FixedProbe();
        probe.codes().put(TARGET, code);
        // every function of the compiled contract is in its dispatcher
        for (JsonNode item : combined.path("LendingMarket").path("abi")) {
            if (item.path("type").asText().equals("function")) {
                AbiRegistry r = AbiRegistry.empty();
                r.addAbi("x", new ObjectMapper().createArrayNode().add(item));
                assertThat(BytecodeSelectors.dispatcherSelectors(code)).containsAll(r.selectors());
            }
        }
        String unknown = "0xdeadbeef" + word(SPENDER) + word("64");

        DecodedCall call = AbiResolver.bundledOnly().decodeCall(action(unknown, ""), probe);

        assertThat(call.known()).isFalse();
        assertThat(call.abiSource())
                .isEqualTo("bytecode-inferred: selector not in the dispatcher (the call reaches " + "the fallback)");
        assertThat(call.args()).extracting(DecodedCall.Argument::type).containsExactly("address", "uint256");
        assertThat(call.render()).contains("args look like address,uint256");
    }

    @Test
    void shouldDecodeWithTheUsersHardhatFoundryAndPlainAbiFiles(@TempDir Path dir) throws Exception {
        String fn = "{\"type\":\"function\",\"name\":\"%s\",\"inputs\":[{\"name\":\"%s\",\"type\":\"uint256\"}]}";
        Files.writeString(dir.resolve("Plain.json"), "[" + fn.formatted("setAlpha", "alpha") + "]");
        Files.createDirectories(dir.resolve("out/Beta.sol"));
        Files.writeString(
                dir.resolve("out/Beta.sol/Beta.json"),
                "{\"abi\":[" + fn.formatted("setBeta", "beta") + "],\"bytecode\":{\"object\":\"0x\"}}");
        Files.writeString(dir.resolve("Beta.dbg.json"), "{\"_format\":\"hh-sol-dbg-1\",\"buildInfo\":\"x\"}");
        AbiResolver resolver = AbiResolver.of(new AbiSettings(List.of(dir), null, null, null, dir.resolve("c")));

        DecodedCall alpha = resolver.decodeCall(
                action(Hex.functionSelector("setAlpha(uint256)") + word("5"), ""), new FixedProbe());
        DecodedCall beta =
                resolver.decodeCall(action(Hex.functionSelector("setBeta(uint256)") + word("6"), ""), new FixedProbe());

        assertThat(alpha.render()).isEqualTo("setAlpha(alpha=5)");
        assertThat(alpha.abiSource()).isEqualTo("user:Plain.json");
        assertThat(beta.abiSource()).isEqualTo("user:" + Path.of("out", "Beta.sol", "Beta.json"));
        assertThat(beta.render()).isEqualTo("setBeta(beta=6)");
    }

    @Test
    void shouldNameTheFileOrDirectoryThatIsNotAnAbi(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> UserAbiDirectory.load(List.of(dir.resolve("missing"))))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("--abi: no such directory " + dir.resolve("missing"));
        Files.writeString(dir.resolve("Broken.json"), "[{\"type\":\"function\",");
        assertThatThrownBy(() -> UserAbiDirectory.load(List.of(dir)))
                .hasMessageStartingWith("--abi: " + dir.resolve("Broken.json") + " is not valid JSON (line 1");
        Files.writeString(dir.resolve("Broken.json"), "{\"contractName\":\"X\"}");
        assertThatThrownBy(() -> UserAbiDirectory.load(List.of(dir)))
                .hasMessage("--abi: " + dir.resolve("Broken.json")
                        + " is neither a JSON ABI (an array) nor an artifact with an \"abi\" array");
    }
}
