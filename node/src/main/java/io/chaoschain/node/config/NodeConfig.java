package io.chaoschain.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node's whole configuration, validated when loaded ({@link ConfigLoader}); every record here is immutable.
 *
 * @param dataDir where the database, API token and other state live
 * @param api the REST API
 * @param chains configured chains by name
 * @param agents the agents this node runs
 * @param lifecycle timing of the proposal lifecycle loop
 * @param p2p the libp2p network through which agents share cross-chain insights
 */
public record NodeConfig(
    Path source,
    Path dataDir,
    ApiConfig api,
    Map<String, ChainConfig> chains,
    List<AgentConfig> agents,
    LifecycleConfig lifecycle,
    P2pConfig p2p) {

  /** A node without the network (as before the p2p section existed). */
  public NodeConfig(Path source, Path dataDir, ApiConfig api, Map<String, ChainConfig> chains, List<AgentConfig> agents,
      LifecycleConfig lifecycle) {
    this(source, dataDir, api, chains, agents, lifecycle, P2pConfig.disabled(dataDir));
  }

  /**
   * The libp2p network (see docs/p2p.md).
   *
   * @param listen TCP multiaddr to listen on, e.g. {@code /ip4/127.0.0.1/tcp/4001} (port 0 picks a free port)
   * @param bootstrap peers dialled at start, each {@code /ip4/HOST/tcp/PORT/p2p/PEER_ID}
   * @param keyFile the node's libp2p identity, created on first start (0600, encrypted with the first agent's
   *     keystore password)
   * @param relevanceThreshold minimum semantic similarity (cosine) for a received insight to count as relevant
   */
  public record P2pConfig(boolean enabled, String listen, List<String> bootstrap, Path keyFile, double relevanceThreshold) {
    public P2pConfig {
      bootstrap = List.copyOf(bootstrap);
    }

    public static P2pConfig disabled(Path dataDir) {
      return new P2pConfig(false, "/ip4/127.0.0.1/tcp/0", List.of(), dataDir.resolve("p2p.key"), 0.5);
    }
  }

  /** @param port 0 picks a free port */
  public record ApiConfig(boolean enabled, String host, int port) {}

  /**
   * One chain and the governance contracts on it.
   *
   * @param rpc RPC URLs in failover order
   * @param confirmations blocks an event must be buried under before the node acts on it
   */
  public record ChainConfig(
      String name,
      long chainId,
      List<String> rpc,
      int confirmations,
      String governor,
      String timelock,
      String endpoint,
      String registry) {}

  /**
   * One agent: which market it governs and the operator key it submits with.
   *
   * @param agentId its id in the chain's AgentRegistry (ERC-8004 identity)
   * @param keystore encrypted JSON keystore of the operator key
   * @param passwordFile file holding the keystore password (or null)
   * @param passwordEnv environment variable holding the keystore password (used when passwordFile is null)
   */
  public record AgentConfig(
      String name,
      String chain,
      long agentId,
      String market,
      Path keystore,
      Path passwordFile,
      String passwordEnv,
      AgentTuning tuning) {}

  /** Thresholds of the agent's analyst; see {@code io.chaoschain.agent.AnalystSettings}. */
  public record AgentTuning(
      int minSamples,
      String highUtilization,
      String targetUtilization,
      String maxBorrowApr,
      int historyBlocks) {}

  /**
   * @param pollInterval how often the lifecycle loop looks at the chain
   * @param outcomeBlocks blocks after execution over which the outcome is measured
   * @param exitWhenIdle stop the node once every agent's proposal reached a recorded outcome (used by the demo)
   */
  public record LifecycleConfig(Duration pollInterval, int outcomeBlocks, boolean exitWhenIdle) {}
}
