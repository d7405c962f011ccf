package io.chaoschain.node.cli;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.demo.DemoSummary;
import io.chaoschain.node.demo.DemoWorld;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.node.store.StoredProposal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaoschain demo}: the whole proposal lifecycle on a local devnet. It builds the world (chain, DAO, agent,
 * traffic), writes a {@code node.yaml}, and runs a node from that config exactly as {@code chaoschain node} would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole proposal lifecycle on a local Anvil devnet: monitor, detect, draft, simulate on a fork,"
        + " refine, submit, vote, queue, execute, record the outcome.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--keep-running", description = "leave the chain and the node (with its API) up after the lifecycle")
  boolean keepRunning;

  @Option(names = "--data-dir", defaultValue = ".chaoschain/demo", paramLabel = "DIR",
      description = "where the demo writes its config, keys and database (rebuilt on every run; default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--seed", defaultValue = "7", description = "seed of the simulated market traffic (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--warmup-rounds", defaultValue = "14", paramLabel = "N",
      description = "rounds of traffic before the node starts (default: ${DEFAULT-VALUE})")
  int warmupRounds;

  @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
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
    progress.say("ChaosChain demo: building a local world in " + dataDir.toAbsolutePath());
    var options = DemoWorld.Options.demo(dataDir, seed, warmupRounds);
    try (DemoWorld world = DemoWorld.create(options, progress::say)) {
      progress.say("node config written to " + world.config() + "; starting the node from it");
      NodeConfig config = ConfigLoader.load(world.config());
      try (ChaosChainNode node = ChaosChainNode.start(config, progress)) {
        node.apiPort().ifPresent(p -> progress.say("node API on http://127.0.0.1:" + p + " (Prometheus metrics at /metrics)"));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (!node.isIdle()) {
          if (System.nanoTime() > deadline) {
            throw new DemoTimeoutException("error: the lifecycle did not complete within " + timeoutSeconds
                + " s; see the progress above (raise --timeout on a slow machine)");
          }
          for (StoredProposal p : node.database().stores().proposals().all()) {
            if (p.onchainId() != null && p.state() != ProposalState.SUBMITTING) {
              world.advance(p.onchainId(), p.state() == ProposalState.EXECUTED);
            }
          }
          Thread.sleep(200);
        }
        DemoSummary summary = DemoSummary.collect(world, node, progress.elapsed());
        System.out.println();
        System.out.print(summary.render());
        summary.writeJson(world.dir().resolve("summary.json"));
        if (keepRunning) {
          progress.say("--keep-running: chain at " + world.rpcUrl() + ", node API "
              + node.apiPort().map(p -> "http://127.0.0.1:" + p).orElse("disabled") + "; press Ctrl-C to stop");
          awaitShutdown();
        }
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
