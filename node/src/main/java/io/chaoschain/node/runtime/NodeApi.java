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

  static ApiServer create(NodeConfig config, Database database, HeadCache heads, ReputationService reputation) {
    String token = ApiToken.loadOrCreate(config.dataDir());
    return new ApiServer(new ApiOptions(config.api().host(), config.api().port(), token), database.stores(), heads,
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
        io.chaoschain.core.TimeProvider.system(), reputation);
  }
}
