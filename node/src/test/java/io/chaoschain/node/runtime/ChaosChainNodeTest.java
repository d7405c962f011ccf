package io.chaoschain.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.keys.Keystores;
import io.chaoschain.chains.keys.ScryptStrength;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.lifecycle.Listeners;
import io.chaoschain.node.lifecycle.ProgressListener;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.Database;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose start fails half-way closes what it had opened, each exactly once: the chain clients (counted at their
 * fake transports), the score cache (counted) and the database (whose node lock is free again afterwards).
 */
class ChaosChainNodeTest {
    private static final String NODE_YAML = """
      dataDir: data
      api:
        port: %d
      lifecycle:
        pollIntervalMs: 600000
      chains:
        devnet:
          chainId: 31337
          rpc: http://127.0.0.1:1
          governor: "0x00000000000000000000000000000000000000a1"
          timelock: "0x00000000000000000000000000000000000000a2"
          endpoint: "0x00000000000000000000000000000000000000a3"
          registry: "0x00000000000000000000000000000000000000a4"
        other:
          chainId: 412346
          rpc: http://127.0.0.1:2
          governor: "0x00000000000000000000000000000000000000b1"
          timelock: "0x00000000000000000000000000000000000000b2"
          endpoint: "0x00000000000000000000000000000000000000b3"
          registry: "0x00000000000000000000000000000000000000b4"
      agents:
        - name: a
          chain: devnet
          agentId: 1
          market: "0x00000000000000000000000000000000000000a5"
          keystore: keys/op.json
          passwordFile: keys/password
      """;

    @TempDir
    Path dir;

    private final Map<String, CountingRpc> rpcs = new ConcurrentHashMap<>();
    private final AtomicInteger cacheCloses = new AtomicInteger();

    /** The real database, fake chains and a score cache that counts its closes. */
    private final Connectors fakes = new Connectors() {
        @Override
        public EvmChainClient connect(ChainEndpoints endpoints) {
            CountingRpc rpc = rpcs.computeIfAbsent(endpoints.name(), n -> new CountingRpc(endpoints.chainId()));
            return EvmChainClient.builder(endpoints).transports(url -> rpc).connect();
        }

        @Override
        public Database openDatabase(NodeConfig config, TimeProvider time) {
            return NodeStorage.open(config, time);
        }

        @Override
        public ScoreCache openScoreCache(NodeConfig config) {
            return new CountingCache();
        }
    };

    /** An in-process cache that counts its closes. */
    private final class CountingCache implements ScoreCache {
        private final ScoreCache cache = new InMemoryScoreCache();

        @Override
        public Lookup get(String key) {
            return cache.get(key);
        }

        @Override
        public void put(long generation, String key, String json) {
            cache.put(generation, key, json);
        }

        @Override
        public long invalidate() {
            return cache.invalidate();
        }

        @Override
        public String describe() {
            return "counting " + cache.describe();
        }

        @Override
        public void close() {
            cacheCloses.incrementAndGet();
            cache.close();
        }
    }

    @BeforeEach
    void keys() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/password"), "correct horse");
        Keystores.create(dir.resolve("keys/op.json"), "correct horse", ScryptStrength.LIGHT);
    }

    @Test
    void shouldCloseTheDatabaseTheCacheAndEveryClientOnceWhenTheP2pIdentityCannotBeRead() throws Exception {
        Files.writeString(dir.resolve("p2p.key"), "not an identity");
        NodeConfig config = config(0, "p2p:\n  keyFile: p2p.key\n");

        assertThatThrownBy(() -> ChaosChainNode.start(context(config)))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is not a ChaosChain node identity file");

        assertEverythingClosedOnce(config);
    }

    @Test
    void shouldCloseTheDatabaseTheCacheAndEveryClientOnceWhenTheP2pNetworkCannotListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeConfig config = config(0, "p2p:\n  listen: /ip4/127.0.0.1/tcp/" + taken.getLocalPort() + "\n");

            assertThatThrownBy(() -> ChaosChainNode.start(context(config)))
                    .hasRootCauseInstanceOf(java.net.BindException.class)
                    .hasStackTraceContaining("the p2p network cannot listen");

            assertEverythingClosedOnce(config);
        }
    }

    @Test
    void shouldCloseTheDatabaseTheCacheAndEveryClientOnceWhenTheApiCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeConfig config = config(taken.getLocalPort(), "");

            assertThatThrownBy(() -> ChaosChainNode.start(context(config)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("node failed to start")
                    .hasStackTraceContaining("the API cannot listen on 127.0.0.1:" + taken.getLocalPort());

            assertEverythingClosedOnce(config);
        }
    }

    private void assertEverythingClosedOnce(NodeConfig config) {
        assertThat(rpcs.keySet()).containsExactlyInAnyOrder("devnet", "other");
        assertThat(rpcs.values()).allSatisfy(rpc -> assertThat(rpc.closes).hasValue(1));
        assertThat(cacheCloses).hasValue(1);
        try (Database again = Database.open(config.dataDir())) {
            assertThat(again.stores().chains())
                    .as("the node lock is free: the database was closed")
                    .isNotNull();
        }
    }

    private NodeConfig config(int apiPort, String extra) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), NODE_YAML.formatted(apiPort) + extra));
    }

    private NodeContext context(NodeConfig config) {
        return NodeContext.of(config, Listeners.progressOnly(ProgressListener.NONE))
                .withConnectors(fakes);
    }
}
