package io.chaoschain.simulation.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.simulation.checks.CheckSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbiSettingsTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadTheAbiSectionOfAChecksConfigNextToItsChecks() throws Exception {
        Path file = Files.writeString(dir.resolve("checks.yaml"), """
                checks:
                  C7: {maxOutflowShare: 0.1}
                abi:
                  dirs: [abis, out]
                  sourcify: http://127.0.0.1:5555/server
                  cache: cache
                """);

        AbiSettings abi = AbiSettings.fromChecksConfig(file);
        CheckSettings checks = CheckSettings.load(file);

        assertThat(abi.dirs()).containsExactly(dir.resolve("abis"), dir.resolve("out"));
        assertThat(abi.sourcify()).isEqualTo(URI.create("http://127.0.0.1:5555/server"));
        assertThat(abi.explorer()).isNull();
        assertThat(abi.cache()).isEqualTo(dir.resolve("cache"));
        assertThat(checks).isNotNull();
        assertThat(abi.withDirs(java.util.List.of(dir.resolve("cli"))).dirs())
                .first()
                .isEqualTo(dir.resolve("cli"));
    }

    @Test
    void shouldTakeTheExplorerKeyFromTheNamedVariableAndNeverPrintIt() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        "{\"etherscan\": {\"url\": \"https://explorer.example/v2/api\", \"apiKeyEnv\": \"EXP_KEY\"}}");

        AbiSettings abi = AbiSettings.fromConfig(node, dir, "checks.json", Map.of("EXP_KEY", "secret-123"));

        assertThat(abi.explorerKey()).isEqualTo("secret-123");
        assertThat(abi.toString()).doesNotContain("secret-123");
        assertThatThrownBy(() -> AbiSettings.fromConfig(node, dir, "checks.json", Map.of()))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("--checks-config: checks.json: abi.etherscan.apiKeyEnv names EXP_KEY but that environment "
                        + "variable is not set; export it or remove apiKeyEnv");
    }

    @Test
    void shouldNameAnUnknownKeyAndABadUrl() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThatThrownBy(() -> AbiSettings.fromConfig(mapper.readTree("{\"dir\": []}"), dir, "c.json", Map.of()))
                .hasMessage("--checks-config: c.json: unknown key abi.dir (expected dirs, sourcify, etherscan or "
                        + "cache)");
        assertThatThrownBy(() ->
                        AbiSettings.fromConfig(mapper.readTree("{\"sourcify\": \"ftp://x\"}"), dir, "c.json", Map.of()))
                .hasMessage("--checks-config: c.json: abi.sourcify must be an http(s) URL, got 'ftp://x'");
    }
}
