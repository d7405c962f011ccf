package io.chaoschain.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/** {@code chaoschain simulate} against a devnet DAO: reports, exit codes 0/1/2 and progress on stderr. */
@WithDevnet
class SimulateCommandIT {
    private static final String DESCRIPTION = "Set the reserve factor to 15%";
    static Devnet devnet;
    static DaoDeployment dao;
    static BigInteger proposalId;

    @TempDir
    Path dir;

    @BeforeAll
    static void deployDaoWithAProposal(Devnet devnet, DaoDeployment dao) throws Exception {
        SimulateCommandIT.devnet = devnet;
        SimulateCommandIT.dao = dao;
        DaoGovernor governor =
                DaoGovernor.load(dao.governor(), devnet.web3j(), devnet.txManager(devnet.account(1)), devnet.gas());
        List<String> targets = List.of(dao.market());
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Hex.decode(setReserveFactor(15)));
        devnet.mine(1);
        governor.propose(targets, values, calldatas, DESCRIPTION).send();
        proposalId = governor.hashProposal(
                        targets, values, calldatas, Hash.sha3(DESCRIPTION.getBytes(StandardCharsets.UTF_8)))
                .send();
    }

    private static String setReserveFactor(int percent) {
        return Hex.functionSelector("setReserveFactor(uint256)")
                + String.format("%064x", BigInteger.TEN.pow(16).multiply(BigInteger.valueOf(percent)));
    }

    private Path draft(String name, String executor, String calldata) throws Exception {
        return Files.writeString(dir.resolve(name), """
        {"chainId": 31337, "executor": "%s", "description": "%s: change the reserve factor of the lending market",
         "actions": [{"target": "%s", "value": "0", "calldata": "%s"}]}""".formatted(executor, name, dao.market(), calldata));
    }

    @Test
    void shouldSimulateAnExistingProposalByIdAndPrintMarkdown() {
        CliRun run = CliRun.of(
                "simulate",
                "--rpc",
                devnet.rpcUrl(),
                "--governor",
                dao.governor(),
                "--proposal-id",
                proposalId.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "# Proposal simulation: risk",
                        "setReserveFactor(reserveFactor_=150000000000000000)",
                        "| execution | pass |",
                        DESCRIPTION);
        assertThat(run.err()).contains("forking", "executing action 1/1", "check execution");
    }

    @Test
    void shouldPrintJsonAndExitZeroForAGoodDraft() throws Exception {
        Path file = draft("good.json", dao.timelock(), setReserveFactor(12));
        CliRun run = CliRun.of(
                "simulate", "--rpc", devnet.rpcUrl(), "--draft", file.toString(), "--format", "json", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("risk").asText()).isIn("low", "medium");
        assertThat(report.path("checks")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("status").asText()).isIn("pass", "warn");
            assertThat(c.has("id") && c.has("summary") && c.has("evidence")).isTrue();
        });
        assertThat(report.path("actions").get(0).path("call").path("signature").asText())
                .isEqualTo("setReserveFactor(uint256)");
        assertThat(report.path("reportHash").asText()).matches("0x[0-9a-f]{64}");
        assertThat(run.err()).doesNotContain("forking");
    }

    @Test
    void shouldExitOneWhenACheckFailsAndWriteTheReportToTheOutFile() throws Exception {
        Path file = draft("not-owner.json", devnet.account(5).getAddress(), setReserveFactor(12));
        Path out = dir.resolve("report.md");
        CliRun run =
                CliRun.of("simulate", "--rpc", devnet.rpcUrl(), "--draft", file.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(out)).contains("risk HIGH", "| execution | **FAIL** |");
    }

    @Test
    void shouldRunABatchInOrder() throws Exception {
        Path a = draft("a.json", dao.timelock(), setReserveFactor(11));
        Path b = draft("b.json", dao.timelock(), setReserveFactor(13));
        CliRun run = CliRun.of(
                "simulate", "--rpc", devnet.rpcUrl(), "--batch", a.toString(), b.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("proposal 2/2");
    }

    @Test
    void shouldExitTwoNamingTheFlagOnUsageErrors() throws Exception {
        Path good = draft("g.json", dao.timelock(), setReserveFactor(12));
        List<List<String>> cases = List.of(
                List.of("--proposal-id", "1"),
                List.of("--governor", dao.governor(), "--proposal-id", "abc"),
                List.of("--draft", good.toString(), "--batch", good.toString()),
                List.of("--draft", dir.resolve("missing.json").toString()),
                List.of("--draft", good.toString(), "--format", "yaml"),
                List.of(
                        "--draft",
                        good.toString(),
                        "--checks-config",
                        dir.resolve("nope.yaml").toString()),
                List.of("--governor", dao.governor(), "--proposal-id", "12345"));
        List<String> flags = List.of(
                "--governor",
                "--proposal-id",
                "exactly one",
                "--draft",
                "--format",
                "--checks-config",
                "--proposal-id");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new java.util.ArrayList<>(List.of("simulate", "--rpc", devnet.rpcUrl()));
            args.addAll(cases.get(i));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(2);
            List<String> errors = run.errorLines().stream()
                    .filter(l -> l.startsWith("error:"))
                    .toList();
            assertThat(errors).as(args + ": " + run.err()).hasSize(1);
            assertThat(errors.getFirst()).as(args.toString()).contains(flags.get(i));
        }
        CliRun badRpc = CliRun.of("simulate", "--rpc", "localhost:8545", "--draft", good.toString());
        assertThat(badRpc.exitCode()).isEqualTo(2);
        assertThat(badRpc.errorLines().getFirst()).contains("--rpc");
    }
}
