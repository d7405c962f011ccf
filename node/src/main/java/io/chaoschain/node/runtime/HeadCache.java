package io.chaoschain.node.runtime;

import io.chaoschain.node.api.ChainHeads;
import io.chaoschain.node.config.NodeConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Latest block per chain as the lifecycles last read it; the API's health endpoint reads this cache, never the RPC. */
final class HeadCache implements ChainHeads {
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
