package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --abi DIR}: a directory or file that is not an ABI is one clear line and exit 2. */
class SimulateAbiFlagTest {
    @TempDir
    Path dir;

    private Path draft() throws Exception {
        return Files.writeString(dir.resolve("draft.json"), """
                {"chainId": 31337, "executor": "0x00000000000000000000000000000000000000a1", "description": "d",
                 "actions": [{"target": "0x00000000000000000000000000000000000000b2", "value": "0", "calldata": "0x"}]}
                """);
    }

    private static void assertOneClearLine(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).as(run.err()).hasSize(1);
        assertThat(run.errorLines().getFirst()).startsWith("error: --abi: ").contains(fragments);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldNameAMissingAbiDirectory() throws Exception {
        Path missing = dir.resolve("abis");
        assertOneClearLine(
                CliRun.of(
                        "simulate",
                        "--rpc",
                        "http://127.0.0.1:9",
                        "--draft",
                        draft().toString(),
                        "--abi",
                        missing.toString()),
                "no such directory " + missing);
    }

    @Test
    void shouldNameAMalformedAbiFile() throws Exception {
        Path abis = Files.createDirectories(dir.resolve("abis"));
        Path bad = Files.writeString(abis.resolve("Comptroller.json"), "{\"abi\": [");
        assertOneClearLine(
                CliRun.of(
                        "simulate",
                        "--rpc",
                        "http://127.0.0.1:9",
                        "--draft",
                        draft().toString(),
                        "--abi",
                        abis.toString()),
                bad.toString(),
                "is not valid JSON");
    }
}
