package io.chaoschain.app.cli;

import io.chaoschain.app.demo.CrossChainDemo;
import io.chaoschain.app.demo.DemoSummary;
import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.core.UserFacingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaoschain demo}: the whole proposal lifecycle on a local devnet. It builds the world (chain, DAO, agent,
 * traffic), writes a {@code node.yaml}, and runs a node from that config exactly as {@code chaoschain node} would.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run the whole proposal lifecycle on two local Anvil chains with two nodes connected over libp2p:"
                        + " node A detects, drafts, simulates on a fork, submits, votes, executes, records the outcome and publishes the"
                        + " insight; node B judges its relevance, adapts it, proves and submits its own proposal, and acknowledges.")
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--keep-running",
            description = "leave the chain and the node (with its API) up after the lifecycle")
    boolean keepRunning;

    @Option(
            names = "--data-dir",
            defaultValue = ".chaoschain/demo",
            paramLabel = "DIR",
            description =
                    "where the demo writes its config, keys and database (rebuilt on every run; default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "seed of the simulated market traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--warmup-rounds",
            defaultValue = "14",
            paramLabel = "N",
            description = "rounds of traffic before the node starts (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(
            names = "--timeout",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "give up if the lifecycle has not completed by then (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (warmupRounds < 4 || warmupRounds > 200) {
            throw new UserFacingException("error: --warmup-rounds must be between 4 and 200, got " + warmupRounds);
        }
        if (timeoutSeconds < 10) {
            throw new UserFacingException("error: --timeout must be at least 10 seconds, got " + timeoutSeconds);
        }
        ConsoleProgress progress = new ConsoleProgress(System.out);
        // Ctrl-C: let the main thread stop the node and the chain before the JVM exits
        Thread main = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(progress);
        } catch (InterruptedException e) {
            progress.say("interrupted; stopped the node and the devnet");
            return 130;
        } finally {
            finished.countDown();
        }
    }

    private int run(ConsoleProgress progress) throws Exception {
        Path dir = DemoWorld.prepare(dataDir);
        progress.say("ChaosChain demo: two chains, two nodes, one cross-chain insight; building the worlds in " + dir);
        try (CrossChainDemo demo = CrossChainDemo.start(dir, seed, warmupRounds, progress::say, progress)) {
            for (var node : List.of(demo.nodeA(), demo.nodeB())) {
                node.apiPort()
                        .ifPresent(p -> progress.say(
                                "node " + node.config().agents().getFirst().name() + " API on" + " http://127.0.0.1:"
                                        + p + " (/api/p2p/peers, /api/p2p/insights; Prometheus metrics at /metrics)"));
            }
            if (!demo.run(Duration.ofSeconds(timeoutSeconds))) {
                throw new DemoTimeoutException("error: the cross-chain flow did not complete within " + timeoutSeconds
                        + " s; see the progress above (raise --timeout on a slow machine)");
            }
            Duration wall = progress.elapsed();
            DemoSummary a = DemoSummary.collect(demo.worldA(), demo.nodeA(), wall);
            DemoSummary b = DemoSummary.collect(demo.worldB(), demo.nodeB(), wall);
            System.out.println();
            System.out.print(a.render("Chain ethereum-local (" + CrossChainDemo.CHAIN_A + "), node A"));
            System.out.print(b.render("Chain arbitrum-local (" + CrossChainDemo.CHAIN_B + "), node B"));
            System.out.print(demo.renderFlow());
            System.out.printf("Wall time: %.1f s%n", wall.toMillis() / 1000.0);
            a.writeJson(demo.worldA().dir().resolve("summary.json"));
            b.writeJson(demo.worldB().dir().resolve("summary.json"));
            if (keepRunning) {
                progress.say("--keep-running: chains at " + demo.worldA().rpcUrl() + " and "
                        + demo.worldB().rpcUrl()
                        + ", node APIs "
                        + demo.nodeA()
                                .apiPort()
                                .map(p -> "http://127.0.0.1:" + p)
                                .orElse("disabled") + " and "
                        + demo.nodeB()
                                .apiPort()
                                .map(p -> "http://127.0.0.1:" + p)
                                .orElse("disabled") + "; press Ctrl-C to stop");
                awaitShutdown();
            }
        }
        return 0;
    }

    private static void awaitShutdown() throws InterruptedException {
        new CountDownLatch(1).await(); // until Ctrl-C interrupts this thread
    }

    /** The lifecycle did not finish in time: a run-time failure, exit code 1. */
    static final class DemoTimeoutException extends UserFacingException {
        DemoTimeoutException(String message) {
            super(message, 1, null);
        }
    }
}
