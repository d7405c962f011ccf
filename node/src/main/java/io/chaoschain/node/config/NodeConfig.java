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
 * @param storage where the database lives (the embedded H2 file in dataDir unless a PostgreSQL URL is set)
 * @param reputation reputation caching and which attesters are trusted
 * @param p2p the libp2p network through which agents share cross-chain insights
 * @param simulation how proposal simulations run
 */
public record NodeConfig(
        Path source,
        Path dataDir,
        ApiConfig api,
        Map<String, ChainConfig> chains,
        List<AgentConfig> agents,
        LifecycleConfig lifecycle,
        StorageConfig storage,
        ReputationConfig reputation,
        P2pConfig p2p,
        SimulationConfig simulation) {

    /**
     * @param parallelForks how many Anvil forks a parameter sweep may run at once; 0 picks half the processors,
     *     1 runs every candidate on one fork
     * @param warmForks Anvil forks the node keeps started and reuses (reverted) for its simulations; 0 starts a new
     *     fork per sweep
     */
    public record SimulationConfig(int parallelForks, int warmForks) {
        public static SimulationConfig defaults() {
            return new SimulationConfig(0, 0);
        }
    }

    /**
     * @param url {@code postgresql://host:port/database}, or null for the embedded H2 database in {@code dataDir}
     * @param user the PostgreSQL login
     * @param passwordEnv environment variable holding the password (never the password itself in the file)
     */
    public record StorageConfig(String url, String user, String passwordEnv) {
        public static StorageConfig embedded() {
            return new StorageConfig(null, null, null);
        }

        public boolean isPostgres() {
            return url != null;
        }
    }

    /**
     * Reputation: caching, trusted attesters, and how the node turns its agents' work into attestations and ERC-8004
     * registry entries.
     *
     * @param redis {@code redis://host:port} caching scores and leaderboards for every node sharing the database, or
     *     null for an in-process cache
     * @param attesters signer addresses whose attestations the API accepts; empty accepts any valid signature
     * @param easVersion the EAS contract version string off-chain attestations are signed under
     * @param validator the key that validates simulation reports in the ValidationRegistry, or null for none
     * @param reviewer the key that anchors outcome attestations with ReputationRegistry giveFeedback, or null for none;
     *     it must not control the agent (the registry rejects self-feedback)
     * @param fromBlock where reading feedback events from the ReputationRegistry starts
     */
    public record ReputationConfig(
            String redis,
            List<String> attesters,
            String easVersion,
            KeyConfig validator,
            KeyConfig reviewer,
            long fromBlock) {
        public static ReputationConfig defaults() {
            return new ReputationConfig(null, List.of(), "1.3.0", null, null, 0);
        }
    }

    /** An encrypted keystore and where its password comes from (file, else environment variable). */
    public record KeyConfig(Path keystore, Path passwordFile, String passwordEnv) {}

    /** A node without the network (as before the p2p section existed). */
    public NodeConfig(
            Path source,
            Path dataDir,
            ApiConfig api,
            Map<String, ChainConfig> chains,
            List<AgentConfig> agents,
            LifecycleConfig lifecycle) {
        this(
                source,
                dataDir,
                api,
                chains,
                agents,
                lifecycle,
                StorageConfig.embedded(),
                ReputationConfig.defaults(),
                P2pConfig.disabled(dataDir),
                SimulationConfig.defaults());
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
    public record P2pConfig(
            boolean enabled, String listen, List<String> bootstrap, Path keyFile, double relevanceThreshold) {
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
     * @param reputationRegistry ERC-8004 ReputationRegistry bound to {@code registry}, or null
     * @param validationRegistry ERC-8004 ValidationRegistry bound to {@code registry}, or null
     * @param eas the EAS contract off-chain attestations are signed for (EIP-712 verifyingContract), or null to use the
     *     reputation registry's address (or the zero address without one)
     */
    public record ChainConfig(
            String name,
            long chainId,
            List<String> rpc,
            int confirmations,
            String governor,
            String timelock,
            String endpoint,
            String registry,
            String reputationRegistry,
            String validationRegistry,
            String eas) {

        /** True when both ERC-8004 registries are configured, so validations and reviews can be anchored. */
        public boolean hasReputationRegistries() {
            return reputationRegistry != null && validationRegistry != null;
        }
    }

    /**
     * One agent: which market it governs and the operator key it submits with.
     *
     * @param agentId its id in the chain's AgentRegistry (ERC-8004 identity)
     * @param keystore encrypted JSON keystore of the operator key
     * @param passwordFile file holding the keystore password (or null)
     * @param passwordEnv environment variable holding the keystore password (used when passwordFile is null)
     * @param analyst who decides: the deterministic rules (the default) or a language model
     */
    public record AgentConfig(
            String name,
            String chain,
            long agentId,
            String market,
            Path keystore,
            Path passwordFile,
            String passwordEnv,
            AgentTuning tuning,
            AnalystConfig analyst) {

        /** An agent with the default rules analyst. */
        public AgentConfig(
                String name,
                String chain,
                long agentId,
                String market,
                Path keystore,
                Path passwordFile,
                String passwordEnv,
                AgentTuning tuning) {
            this(name, chain, agentId, market, keystore, passwordFile, passwordEnv, tuning, AnalystConfig.rules());
        }
    }

    /**
     * The agent's analyst ({@code analyst:} in node.yaml).
     *
     * @param kind {@code rules} (the rate-model sweep) or {@code llm}
     * @param llm the model's provider and limits when {@code kind} is {@code llm}, else null
     */
    public record AnalystConfig(String kind, io.chaoschain.agent.llm.LlmSettings llm) {
        public static AnalystConfig rules() {
            return new AnalystConfig("rules", null);
        }

        public boolean isLlm() {
            return llm != null;
        }
    }

    /** Thresholds of the agent's analyst; see {@code io.chaoschain.agent.AnalystSettings}. */
    public record AgentTuning(
            int minSamples, String highUtilization, String targetUtilization, String maxBorrowApr, int historyBlocks) {}

    /**
     * @param pollInterval how often the lifecycle loop looks at the chain
     * @param outcomeBlocks blocks after execution over which the outcome is measured
     * @param exitWhenIdle stop the node once every agent's proposal reached a recorded outcome (used by the demo)
     */
    public record LifecycleConfig(Duration pollInterval, int outcomeBlocks, boolean exitWhenIdle) {}
}
