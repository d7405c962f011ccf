package io.chaoschain.node.api;

import java.util.List;

/**
 * The chains a node follows and the latest block it has seen on each, for the health endpoint. Implemented by the
 * node's wiring over its chain clients, so that the API does not depend on chain code. Called on every health
 * request: return cached values rather than calling an RPC.
 */
@FunctionalInterface
public interface ChainHeads {

    List<ChainHead> heads();

    /** A node that follows no chain. */
    static ChainHeads none() {
        return List::of;
    }

    /**
     * @param name the node's name for the chain
     * @param chainId the EIP-155 chain id
     * @param headBlock the latest block seen, or null while the chain has not been reached
     */
    record ChainHead(String name, long chainId, Long headBlock) {}
}
