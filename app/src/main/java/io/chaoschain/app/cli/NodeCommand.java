package io.chaoschain.app.cli;

import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.runtime.ChaosChainNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chaoschain node --config node.yaml}: runs a node against the configured chains until stopped. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = "Run a node: monitor the configured chains, run the agents, submit and follow their proposals.")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "node configuration (YAML)")
    Path config;

    @Override
    public Integer call() throws Exception {
        NodeConfig nodeConfig = ConfigLoader.load(config);
        ConsoleProgress progress = new ConsoleProgress(System.out);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // on SIGINT/SIGTERM, let the main thread close the node (persisted state stays consistent) before the JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (ChaosChainNode node = ChaosChainNode.start(nodeConfig, progress)) {
            progress.say("node started: " + nodeConfig.chains().size() + " chain(s), "
                    + nodeConfig.agents().size()
                    + " agent(s), data in " + nodeConfig.dataDir()
                    + node.apiPort()
                            .map(p -> ", API http://" + nodeConfig.api().host() + ":" + p)
                            .orElse(""));
            if (nodeConfig.lifecycle().exitWhenIdle()) {
                while (!node.isIdle() && stop.getCount() > 0) {
                    Thread.sleep(250);
                }
                progress.say("every agent's proposal has a recorded outcome; stopping (lifecycle.exitWhenIdle)");
            } else {
                stop.await();
                progress.say("stopping");
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
