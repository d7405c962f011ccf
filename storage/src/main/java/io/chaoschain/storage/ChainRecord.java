package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import java.net.URI;

/**
 * A chain the node follows.
 *
 * @param name the node's name for it (e.g. {@code sepolia}, {@code devnet})
 * @param chainId the EIP-155 chain id
 * @param rpc the JSON-RPC URL; may embed an API key, so {@link #toString()} shows only scheme and host
 */
public record ChainRecord(String name, long chainId, String rpc) {
    public ChainRecord {
        Fields.requireText(name, "chain.name", 64);
        Fields.requireText(rpc, "chain.rpc", 2048);
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain.chainId must be positive, got " + chainId);
        }
    }

    /** The RPC URL without path, query or credentials: safe for logs and API output. */
    public String redactedRpc() {
        try {
            URI uri = URI.create(rpc);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "<redacted>";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "<redacted>";
        }
    }

    @Override
    public String toString() {
        return "ChainRecord[name=" + name + ", chainId=" + chainId + ", rpc=" + redactedRpc() + "]";
    }
}
