package io.chaoschain.node.runtime;

import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.Database;

/**
 * How a node reaches what lives outside the process: each chain's RPC endpoints, its database and its score cache.
 * What these return the node owns and closes. Tests substitute fakes.
 */
public interface Connectors {

    /** A client of the chain at {@code endpoints}, its chain id checked. */
    EvmChainClient connect(ChainEndpoints endpoints);

    /** The node's database (taking the data directory's node lock when it is the embedded one). */
    Database openDatabase(NodeConfig config, TimeProvider time);

    /** The reputation score cache the configuration asks for. */
    ScoreCache openScoreCache(NodeConfig config);

    /** JSON-RPC over HTTP, the configured database (embedded H2 or PostgreSQL), Redis when configured. */
    static Connectors real() {
        return new Connectors() {
            @Override
            public EvmChainClient connect(ChainEndpoints endpoints) {
                return EvmChainClient.connect(endpoints);
            }

            @Override
            public Database openDatabase(NodeConfig config, TimeProvider time) {
                return NodeStorage.open(config, time);
            }

            @Override
            public ScoreCache openScoreCache(NodeConfig config) {
                return NodeStorage.scoreCache(config);
            }
        };
    }
}
