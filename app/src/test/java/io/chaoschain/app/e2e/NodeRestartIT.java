package io.chaoschain.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.StoredProposal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Kills a real node process (SIGKILL) between submission and execution, restarts it, and checks it resumes: the
 * proposal exists exactly once, on chain and in the database, and is executed.
 */
class NodeRestartIT {
    static final Path JAR = Path.of(System.getProperty("chaoschain.root", "..")).resolve("app/target/chaoschain.jar");

    @TempDir
    Path dir;

    @Test
    void shouldRecordTheOutcomeWhenTheDaoQueuedAndExecutedWhileTheNodeWasDown() throws Exception {
        DemoWorld.Options options = new DemoWorld.Options(dir.resolve("world"), 7, 14, 250, 6, true, 0);
        try (DemoWorld world = DemoWorld.create(options, m -> {})) {
            DaoGovernor governor = governor(world);
            BigInteger proposalId = submitThenKill(world);
            voteWhileDown(world, governor, proposalId);
            // a delegate, not the node, queues and executes it
            StoredProposal recorded;
            try (Database db = Database.open(ConfigLoader.load(world.config()).dataDir())) {
                recorded = db.stores().proposals().all().getFirst();
            }
            var d = recorded.draft();
            var targets = d.actions().stream().map(a -> a.target()).toList();
            var values = d.actions().stream().map(a -> a.value()).toList();
            var calldatas = d.actions().stream()
                    .map(a -> io.chaoschain.core.Hex.decode(a.calldata()))
                    .toList();
            byte[] descriptionHash =
                    org.web3j.crypto.Hash.sha3(d.description().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var keeper = DaoGovernor.load(
                    world.deployment().governor(),
                    world.web3j(),
                    io.chaoschain.chains.anvil.AnvilAccounts.credentials(5),
                    new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(1_000_000)));
            keeper.queue(targets, values, calldatas, descriptionHash).send();
            world.advance(proposalId, false); // the electorate warps past the timelock delay
            keeper.execute(targets, values, calldatas, descriptionHash, BigInteger.ZERO)
                    .send();
            assertThat(state(governor, proposalId)).isEqualTo(ProposalState.EXECUTED);

            Process second = startNode(world, "second.log");
            try {
                DemoDriver.runUntilExit(
                        second,
                        Duration.ofMinutes(3),
                        () -> "log:\n" + log("second.log"),
                        () -> world.advance(proposalId, true));
                assertThat(second.isAlive())
                        .as("node exits once the outcome is recorded; log:\n%s", log("second.log"))
                        .isFalse();
            } finally {
                second.destroyForcibly().waitFor();
            }
            assertThat(second.exitValue()).as(log("second.log")).isZero();
            try (Database db = Database.open(ConfigLoader.load(world.config()).dataDir())) {
                StoredProposal p = db.stores().proposals().all().getFirst();
                assertThat(p.state()).isEqualTo(ProposalState.EXECUTED);
                assertThat(p.queueTxHash()).as("queued by someone else").isNull();
                assertThat(p.executeTxHash()).as("executed by someone else").isNull();
                assertThat(p.outcome()).isNotNull();
            }
        }
    }

    @Test
    void shouldResumeAfterBeingKilledBetweenSubmissionAndExecution() throws Exception {
        DemoWorld.Options options = new DemoWorld.Options(dir.resolve("world"), 7, 14, 250, 6, true, 0);
        try (DemoWorld world = DemoWorld.create(options, m -> {})) {
            DaoGovernor governor = governor(world);
            BigInteger proposalId = submitThenKill(world);
            voteWhileDown(world, governor, proposalId);

            Process second = startNode(world, "second.log");
            try {
                DemoDriver.runUntilExit(
                        second,
                        Duration.ofMinutes(3),
                        () -> "log:\n" + log("second.log"),
                        () -> world.advance(proposalId, state(governor, proposalId) == ProposalState.EXECUTED));
                assertThat(second.isAlive())
                        .as("node exits once the outcome is recorded; log:\n%s", log("second.log"))
                        .isFalse();
            } finally {
                second.destroyForcibly().waitFor();
            }
            assertThat(second.exitValue()).as(log("second.log")).isZero();

            assertThat(state(governor, proposalId)).isEqualTo(ProposalState.EXECUTED);
            assertThat(proposalsCreated(world)).as("proposals created on chain").containsExactly(proposalId);
            try (Database db = Database.open(ConfigLoader.load(world.config()).dataDir())) {
                List<StoredProposal> all = db.stores().proposals().all();
                assertThat(all).hasSize(1);
                assertThat(all.getFirst().onchainId()).isEqualTo(proposalId);
                assertThat(all.getFirst().state()).isEqualTo(ProposalState.EXECUTED);
                assertThat(all.getFirst().outcome()).isNotNull();
            }
        }
    }

    private static DaoGovernor governor(DemoWorld world) {
        var readOnly =
                new ReadonlyTransactionManager(world.web3j(), world.deployment().timelock());
        return DaoGovernor.load(
                world.deployment().governor(),
                world.web3j(),
                readOnly,
                new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000)));
    }

    /** Runs the packaged node until its proposal is on chain, then kills it with SIGKILL. */
    private BigInteger submitThenKill(DemoWorld world) throws Exception {
        assertThat(JAR)
                .as("the packaged node jar (built before integration tests)")
                .exists();
        Process first = startNode(world, "first.log");
        try {
            return awaitProposal(world, first, Duration.ofMinutes(3));
        } finally {
            first.destroyForcibly().waitFor();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }
    }

    /** The DAO votes while the node is down, until the proposal has succeeded. */
    private static void voteWhileDown(DemoWorld world, DaoGovernor governor, BigInteger proposalId) throws Exception {
        for (int i = 0; i < 10 && state(governor, proposalId) != ProposalState.SUCCEEDED; i++) {
            world.advance(proposalId, false);
        }
        assertThat(state(governor, proposalId)).isEqualTo(ProposalState.SUCCEEDED);
    }

    /** Every ProposalCreated on the Governor (OpenZeppelin 5: no indexed fields, the id is the first data word). */
    private static List<BigInteger> proposalsCreated(DemoWorld world) throws Exception {
        var filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST,
                world.deployment().governor());
        filter.addSingleTopic(EventEncoder.encode(DaoGovernor.PROPOSALCREATED_EVENT));
        return world.web3j().ethGetLogs(filter).send().getLogs().stream()
                .map(r -> ((Log) r.get()).getData())
                .map(data -> new BigInteger(data.substring(2, 66), 16))
                .toList();
    }

    private Process startNode(DemoWorld world, String logName) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        JAR + System.getProperty("path.separator") + JAR.resolveSibling("lib-ml") + "/*",
                        "io.chaoschain.app.cli.ChaosChainCommand",
                        "node",
                        "--config",
                        world.config().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
    }

    private BigInteger awaitProposal(DemoWorld world, Process node, Duration timeout) {
        // waits for a proposal or for the node to exit without one, which fails at once
        List<BigInteger> created =
                DemoDriver.waitFor("the node to submit a proposal", timeout, () -> "log:\n" + log("first.log"), () -> {
                    List<BigInteger> now = proposalsCreated(world);
                    return now.isEmpty() && node.isAlive() ? Optional.empty() : Optional.of(now);
                });
        if (created.isEmpty()) {
            throw new AssertionError("the node exited without submitting a proposal; log:\n" + log("first.log"));
        }
        return created.getFirst();
    }

    private static ProposalState state(DaoGovernor governor, BigInteger id) throws Exception {
        return ProposalState.fromGovernor(governor.state(id).send().intValue());
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
