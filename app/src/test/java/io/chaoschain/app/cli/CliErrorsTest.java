package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.node.config.MinimalConfig;
import io.chaoschain.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line naming what is wrong, a non-zero exit, and no stack trace. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("node.yaml"), yaml);
    }

    private static void assertOneClearLine(CliRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).startsWith("error: ").contains(fragments);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldNameTheLineOfMalformedYaml() throws Exception {
        Path file = config("chains:\n  devnet: [unclosed\n");
        assertOneClearLine(CliRun.of("node", "--config", file.toString()), 2, "node.yaml", "malformed YAML");
    }

    @Test
    void shouldNameAMissingRequiredSetting() throws Exception {
        Path file = config(MinimalConfig.YAML.replaceAll("(?m)^\\s*rpc: .*\n", ""));
        assertOneClearLine(CliRun.of("node", "--config", file.toString()), 2, "chains.devnet.rpc", "is required");
    }

    @Test
    void shouldRejectAnUnknownSettingInsteadOfIgnoringIt() throws Exception {
        Path file = config(MinimalConfig.YAML.replace("dataDir: data", "dataDir: data\ndatadir: typo"));
        assertOneClearLine(CliRun.of("node", "--config", file.toString()), 2, "datadir", "not a known setting");
    }

    @Test
    void shouldRejectAMalformedAddress() throws Exception {
        Path file = config(MinimalConfig.YAML.replace("0x00000000000000000000000000000000000000a1", "0x1234"));
        assertOneClearLine(CliRun.of("node", "--config", file.toString()), 2, "chains.devnet.governor", "0x1234");
    }

    @Test
    void shouldReportAMissingConfigFile() {
        assertOneClearLine(
                CliRun.of("node", "--config", dir.resolve("nope.yaml").toString()), 2, "not found");
    }

    @Test
    void shouldReportAnUnreachableRpc() throws Exception {
        Path file = config(MinimalConfig.YAML);
        CliRun run = CliRun.of("node", "--config", file.toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).contains("devnet", "127.0.0.1:1");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing written").isFalse();
    }

    @Test
    void shouldReportAnUnknownProposalId() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data).close();
        assertOneClearLine(
                CliRun.of("proposals", "show", "99", "--data-dir", data.toString()), 2, "no proposal with id 99");
    }

    @Test
    void shouldReportANonNumericProposalId() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data).close();
        assertOneClearLine(CliRun.of("proposals", "show", "abc", "--data-dir", data.toString()), 2, "must be a number");
    }

    @Test
    void shouldListProposalsWhileANodeHoldsTheDatabase() {
        Path data = dir.resolve("data");
        try (Database node = Database.open(data)) {
            CliRun run = CliRun.of("proposals", "list", "--data-dir", data.toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().strip()).isEqualTo("[ ]");
            assertThat(node.stores().proposals().all()).isEmpty();
        }
    }

    @Test
    void shouldRefuseASecondNodeOnTheSameDataDirectory() {
        Path data = dir.resolve("data");
        try (Database node = Database.open(data)) {
            assertThatThrownBy(() -> Database.open(data)).hasMessageContaining("in use by another chaoschain node");
        }
    }

    @Test
    void shouldRejectAnUnknownFlag() {
        CliRun run = CliRun.of("demo", "--no-such-flag");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines().getFirst()).contains("--no-such-flag");
    }

    @Test
    void shouldRequireASubcommand() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errorLines().getFirst()).contains("subcommand");
    }
}
