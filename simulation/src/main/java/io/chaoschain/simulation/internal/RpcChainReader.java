package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ForkView;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ChainReader} (and, with blocks set, {@link ForkView}) over JSON-RPC; refuses methods that could write.
 * Code is cached per address and block: checks ask for the same contracts' code again and again.
 */
public final class RpcChainReader implements ForkView {
    private static final Set<String> READ_PREFIXES = Set.of(
            "eth_call",
            "eth_get",
            "eth_blockNumber",
            "eth_chainId",
            "debug_trace",
            "eth_estimateGas",
            "net_version",
            "web3_clientVersion");

    private final ChainClient rpc;
    private final long forkBlock;
    private final long preBlock;
    private final long postBlock;
    private final Map<String, String> codeCache;

    private RpcChainReader(ChainClient rpc, long forkBlock, long preBlock, long postBlock, Map<String, String> cache) {
        this.rpc = rpc;
        this.forkBlock = forkBlock;
        this.preBlock = preBlock;
        this.postBlock = postBlock;
        this.codeCache = cache;
    }

    /** A reader of a chain (no fork blocks). */
    public static RpcChainReader of(ChainClient rpc) {
        return new RpcChainReader(rpc, -1, -1, -1, new ConcurrentHashMap<>());
    }

    /** A view of the fork around one proposal, sharing this reader's code cache. */
    public RpcChainReader around(long fork, long pre, long post) {
        return new RpcChainReader(rpc, fork, pre, post, codeCache);
    }

    @Override
    public long forkBlock() {
        return forkBlock;
    }

    @Override
    public long preBlock() {
        return preBlock;
    }

    @Override
    public long postBlock() {
        return postBlock;
    }

    @Override
    public long latestBlock() {
        return Long.decode(rpc.send("eth_blockNumber").asText());
    }

    @Override
    public String call(String to, String data, long block) {
        return rpc.send("eth_call", Map.of("to", to, "data", data), tag(block)).asText();
    }

    @Override
    public String code(String address, long block) {
        String key = address.toLowerCase(Locale.ROOT) + "@" + block;
        return codeCache.computeIfAbsent(
                key, k -> rpc.send("eth_getCode", address, tag(block)).asText());
    }

    /** Seeds the code cache (the engine reads many contracts' code in one batch). */
    public void remember(String address, long block, String code) {
        codeCache.put(address.toLowerCase(Locale.ROOT) + "@" + block, code);
    }

    public boolean knowsCode(String address, long block) {
        return codeCache.containsKey(address.toLowerCase(Locale.ROOT) + "@" + block);
    }

    @Override
    public String storageAt(String address, String slot, long block) {
        return rpc.send("eth_getStorageAt", address, slot, tag(block)).asText();
    }

    @Override
    public BigInteger balance(String address, long block) {
        return TrafficWindow.bigOf(rpc.send("eth_getBalance", address, tag(block)));
    }

    @Override
    public long nonce(String address, long block) {
        return TrafficWindow.bigOf(rpc.send("eth_getTransactionCount", address, tag(block)))
                .longValueExact();
    }

    @Override
    public JsonNode rpc(String method, Object... params) {
        if (READ_PREFIXES.stream().noneMatch(method::startsWith)) {
            throw new IllegalArgumentException("a check may only read the chain; '" + method + "' is not a read");
        }
        return rpc.send(method, params);
    }

    public static String tag(long block) {
        return block < 0 ? "latest" : "0x" + Long.toHexString(block);
    }
}
