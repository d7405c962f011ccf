package io.chaoschain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReputationConfigTest {
    @TempDir
    Path dir;

    private static final String CHAIN = """
      chains:
        devnet:
          chainId: 31337
          rpc: http://127.0.0.1:1
          governor: "0x00000000000000000000000000000000000000a1"
          timelock: "0x00000000000000000000000000000000000000a2"
          endpoint: "0x00000000000000000000000000000000000000a3"
          registry: "0x00000000000000000000000000000000000000a4"
      %s
      agents:
        - name: a
          chain: devnet
          agentId: 1
          market: "0x00000000000000000000000000000000000000a5"
          keystore: keys/op.json
      %s
      """;

    private NodeConfig load(String chainExtra, String tail) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), CHAIN.formatted(chainExtra, tail)));
    }

    @Test
    void shouldRunWithoutRegistriesOrReputationKeysByDefault() throws Exception {
        NodeConfig config = load("", "");

        assertThat(config.chains().get("devnet").hasReputationRegistries()).isFalse();
        assertThat(config.reputation()).isEqualTo(NodeConfig.ReputationConfig.defaults());
    }

    @Test
    void shouldReadTheRegistriesAndTheValidatorAndReviewerKeys() throws Exception {
        NodeConfig config = load("""
            reputationRegistry: "0x00000000000000000000000000000000000000B6"
            validationRegistry: "0x00000000000000000000000000000000000000b7"
        """, """
        reputation:
          easVersion: 1.2.0
          validator:
            keystore: keys/validator.json
            passwordFile: keys/pw
          reviewer:
            keystore: keys/reviewer.json
            passwordEnv: REVIEWER_PASSWORD
          fromBlock: 120
        """);

        var chain = config.chains().get("devnet");
        assertThat(chain.hasReputationRegistries()).isTrue();
        assertThat(chain.reputationRegistry()).isEqualTo("0x00000000000000000000000000000000000000b6");
        assertThat(chain.validationRegistry()).isEqualTo("0x00000000000000000000000000000000000000b7");
        var rep = config.reputation();
        assertThat(rep.easVersion()).isEqualTo("1.2.0");
        assertThat(rep.fromBlock()).isEqualTo(120);
        assertThat(rep.validator().keystore()).isEqualTo(dir.resolve("keys/validator.json"));
        assertThat(rep.validator().passwordFile()).isEqualTo(dir.resolve("keys/pw"));
        assertThat(rep.reviewer().passwordFile()).isNull();
        assertThat(rep.reviewer().passwordEnv()).isEqualTo("REVIEWER_PASSWORD");
    }

    @Test
    void shouldNameTheKeyOfAMalformedRegistryAddress() {
        assertThatThrownBy(() -> load("""
            reputationRegistry: "0x12"
        """, ""))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("chains.devnet.reputationRegistry");
    }

    @Test
    void shouldRejectAnUnknownReputationSetting() {
        assertThatThrownBy(() -> load("", """
        reputation:
          reviwer: {}
        """))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("reputation.reviwer");
    }

    @Test
    void shouldRequireAKeystoreForTheValidator() {
        assertThatThrownBy(() -> load("", """
        reputation:
          validator:
            passwordFile: pw
        """))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("reputation.validator.keystore");
    }
}
