package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.node.config.MinimalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/** Errors that need a live chain to show: a wrong chain id and a keystore whose password is missing or wrong. */
@WithDevnet
class CliErrorsIT {
    static Devnet devnet;

    @TempDir
    Path dir;

    @BeforeAll
    static void startChain(Devnet devnet) {
        CliErrorsIT.devnet = devnet;
    }

    private Path config(long chainId, String passwordLine) throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        String wallet = WalletUtils.generateWalletFile(
                "correct horse", Keys.createEcKeyPair(), dir.resolve("keys").toFile(), false);
        Path keystore = Files.move(dir.resolve("keys").resolve(wallet), dir.resolve("keys/op.json"));
        Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return Files.writeString(
                dir.resolve("node.yaml"),
                MinimalConfig.YAML
                        .replace("chainId: 31337", "chainId: " + chainId)
                        .replace("http://127.0.0.1:1", devnet.rpcUrl())
                        .replace("    keystore: keys/op.json", "    keystore: keys/op.json\n" + passwordLine));
    }

    @Test
    void shouldRefuseAChainWhoseIdDiffersFromTheConfig() throws Exception {
        CliRun run = CliRun.of(
                "node",
                "--config",
                config(1, "    passwordEnv: CHAOSCHAIN_TEST_UNSET").toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).contains("31337", "1");
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void shouldAskForTheKeystorePasswordWhenNoneIsGiven() throws Exception {
        CliRun run = CliRun.of(
                "node",
                "--config",
                config(31337, "    passwordEnv: CHAOSCHAIN_TEST_UNSET_PASSWORD").toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).contains("CHAOSCHAIN_TEST_UNSET_PASSWORD");
        assertThat(run.err()).doesNotContain("correct horse");
    }

    @Test
    void shouldReportAWrongKeystorePasswordWithoutPrintingIt() throws Exception {
        Files.writeString(dir.resolve("pw"), "battery staple");
        CliRun run = CliRun.of(
                "node", "--config", config(31337, "    passwordFile: pw").toString());
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).contains("wrong password");
        assertThat(run.err()).doesNotContain("battery staple", "correct horse");
    }
}
