package io.chaoschain.node.runtime;

import io.chaoschain.agent.insight.InsightRelevance;
import io.chaoschain.agent.insight.MiniLmEmbedder;
import io.chaoschain.core.Service;
import io.chaoschain.node.api.P2pView;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.AgentConfig;
import io.chaoschain.node.lifecycle.Listeners;
import io.chaoschain.node.p2p.InsightExchange;
import io.chaoschain.node.p2p.P2pNetwork;
import io.chaoschain.node.p2p.SimilarInsights;
import io.chaoschain.node.runtime.ChainsWiring.Chains;
import io.chaoschain.node.runtime.ReputationWiring.Reputation;
import io.chaoschain.node.runtime.StorageWiring.Storage;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.JdbcInsightStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the node's p2p side when {@code p2p.enabled}: the answers to similar-solutions queries (over the insight
 * store, built first), the libp2p network that serves them, and the insight exchange on top of the network, which
 * tells the reputation side of shared and adopted insights.
 */
final class P2pWiring {
    private P2pWiring() {}

    /** What the p2p wiring built. */
    record P2p(SimilarInsights similar, P2pNetwork network, InsightExchange exchange) {

        /** In start order: the network last, so that it stops first and nothing arrives for a stopped exchange. */
        List<Service> services() {
            return List.of(similar, exchange, network);
        }

        /** What {@code /api/p2p/...} shows. */
        P2pView view() {
            return new P2pViews(network, exchange.store());
        }
    }

    static Optional<P2p> wire(NodeContext ctx, Chains chains, Storage storage, Reputation reputation) {
        NodeConfig config = ctx.config();
        if (!config.p2p().enabled()) {
            return Optional.empty();
        }
        AgentConfig first = config.agents().getFirst();
        // the identity is encrypted at rest with the node's key password (the first agent's keystore password)
        char[] passphrase =
                ChainsWiring.password(first).read(config.p2p().keyFile()).toCharArray();
        NodeIdentity identity;
        try {
            identity = NodeIdentity.loadOrCreate(config.p2p().keyFile(), passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        InsightRelevance relevance =
                new InsightRelevance(new MiniLmEmbedder(), config.p2p().relevanceThreshold());
        InsightStore store = new JdbcInsightStore(storage.database(), ctx.time());
        SimilarInsights similar = new SimilarInsights(store, relevance);
        P2pNetwork network = new P2pNetwork(
                config.p2p(),
                identity,
                chains.agents().get(first.name()).signer().credentials().getEcKeyPair(),
                similar,
                ctx.registry());
        Map<String, Long> chainIds = new LinkedHashMap<>();
        config.chains().values().forEach(c -> chainIds.put(c.name(), c.chainId()));
        Listeners listeners = new Listeners(ctx.listeners().progress(), reputation.insightAttestations())
                .alsoTelling(ctx.listeners().milestones());
        InsightExchange exchange = new InsightExchange(network, store, relevance, chainIds, first.name(), listeners);
        return Optional.of(new P2p(similar, network, exchange));
    }

    /** What {@code /api/p2p/...} shows: this peer, its connections, and the insight flow as stored. */
    private record P2pViews(P2pNetwork network, InsightStore store) implements P2pView {
        @Override
        public Object peers() {
            return Map.of(
                    "peerId",
                    network.peerId().toString(),
                    "listen",
                    network.listenAddrs(),
                    "peers",
                    network.peers(),
                    "verdicts",
                    network.verdicts());
        }

        @Override
        public Object insights() {
            var out = new LinkedHashMap<String, Object>();
            out.put(
                    "insights",
                    store.all().stream()
                            .map(i -> {
                                var m = new LinkedHashMap<String, Object>();
                                m.put("direction", i.direction());
                                m.put("via", i.via());
                                m.put("peer", i.peer());
                                m.put("recordedAt", i.recordedAt());
                                m.put("insight", i.insight());
                                m.put("ratio", i.insight().ratio());
                                return m;
                            })
                            .toList());
            out.put("relevance", store.decisions());
            out.put("contributions", store.contributions());
            return out;
        }
    }
}
