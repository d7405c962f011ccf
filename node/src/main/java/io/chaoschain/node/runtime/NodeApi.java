package io.chaoschain.node.runtime;

import io.chaoschain.node.api.ApiOptions;
import io.chaoschain.node.api.ApiServer;
import io.chaoschain.node.api.ApiToken;
import io.chaoschain.node.api.ChainHeads;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.reputation.ReputationService;
import io.chaoschain.node.store.Database;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the node's API server and feeds its health endpoint the chain heads the lifecycles last saw. */
final class NodeApi {
  private NodeApi() {}

  /** Latest block per chain as the node last read it; the API reads this cache, never the RPC. */
  static final class HeadCache implements ChainHeads {
    private final NodeConfig config;
    private final Map<String, Long> heads = new ConcurrentHashMap<>();

    HeadCache(NodeConfig config) {
      this.config = config;
    }

    void update(String chain, long head) {
      heads.merge(chain, head, Math::max);
    }

    @Override
    public List<ChainHead> heads() {
      return config.chains().values().stream()
          .map(c -> new ChainHead(c.name(), c.chainId(), heads.get(c.name())))
          .toList();
    }
  }

  static ApiServer create(NodeConfig config, Database database, HeadCache heads,
      io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry, ReputationService reputation) {
    String token = ApiToken.loadOrCreate(config.dataDir());
    return new ApiServer(new ApiOptions(config.api().host(), config.api().port(), token), database.stores(), heads,
        registry, io.chaoschain.core.TimeProvider.system(), reputation);
  }

  /** What {@code /api/p2p/...} shows: this peer, its connections, and the insight flow as stored. */
  record P2pViews(io.chaoschain.node.p2p.P2pNetwork network, io.chaoschain.node.store.InsightStore store)
      implements io.chaoschain.node.api.P2pView {
    @Override
    public Object peers() {
      return Map.of("peerId", network.peerId().toString(), "listen", network.listenAddrs(), "peers", network.peers(),
          "verdicts", network.verdicts());
    }

    @Override
    public Object insights() {
      var out = new java.util.LinkedHashMap<String, Object>();
      out.put("insights", store.all().stream().map(i -> {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("direction", i.direction());
        m.put("via", i.via());
        m.put("peer", i.peer());
        m.put("recordedAt", i.recordedAt());
        m.put("insight", i.insight());
        m.put("ratio", i.insight().ratio());
        return m;
      }).toList());
      out.put("relevance", store.decisions());
      out.put("contributions", store.contributions());
      return out;
    }
  }
}
