package io.chaoschain.node.runtime;

import io.chaoschain.node.api.ApiOptions;
import io.chaoschain.node.api.ApiServer;
import io.chaoschain.node.api.ApiToken;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.runtime.AgentsWiring.Agents;
import io.chaoschain.node.runtime.P2pWiring.P2p;
import io.chaoschain.node.runtime.ReputationWiring.Reputation;
import io.chaoschain.node.runtime.StorageWiring.Storage;
import java.util.Optional;

/**
 * Wires the node's HTTP API when {@code api.enabled}: the stores, the chain heads the lifecycles last read, the
 * reputation service (sharing the node's score cache), the p2p views when the network is on, and the node's meters.
 */
final class ApiWiring {
    private ApiWiring() {}

    static Optional<ApiServer> wire(
            NodeContext ctx, Storage storage, Reputation reputation, Agents agents, Optional<P2p> p2p) {
        NodeConfig config = ctx.config();
        if (!config.api().enabled()) {
            return Optional.empty();
        }
        String token = ApiToken.loadOrCreate(ctx.dataDir());
        var sources = new ApiServer.Sources(storage.stores(), agents.heads(), reputation.service(), p2p.map(P2p::view));
        return Optional.of(new ApiServer(
                new ApiOptions(config.api().host(), config.api().port(), token), sources, ctx.registry(), ctx.time()));
    }
}
