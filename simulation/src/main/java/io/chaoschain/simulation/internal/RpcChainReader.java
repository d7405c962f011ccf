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
 *
 * <p>A fork view made with a history reader sends every read of a block at or before the fork block (state, code,
 * {@code eth_call}, logs that end by then) to the source chain: Anvil keeps the state of only its recent blocks, so
 * after the governance path has mined a voting period the fork can no longer answer for the blocks it forked from.
 * History is read where it exists; state after the fork block comes from the fork.
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
    private final ChainReader history;

    private RpcChainReader(
            ChainClient rpc,
            long forkBlock,
            long preBlock,
            long postBlock,
            Map<String, String> cache,
            ChainReader history) {
        this.rpc = rpc;
        this.forkBlock = forkBlock;
        this.preBlock = preBlock;
        this.postBlock = postBlock;
        this.codeCache = cache;
        this.history = history;
    }

    /** A reader of a chain (no fork blocks). */
    public static RpcChainReader of(ChainClient rpc) {
        return new RpcChainReader(rpc, -1, -1, -1, new ConcurrentHashMap<>(), null);
    }

    /** A view of the fork around one proposal, sharing this reader's code cache. */
    public RpcChainReader around(long fork, long pre, long post) {
        return new RpcChainReader(rpc, fork, pre, post, codeCache, null);
    }

    /**
     * A view of the fork around one proposal whose reads at blocks up to {@code fork} go to {@code source}, the chain
     * the fork was made from.
     */
    public RpcChainReader around(long fork, long pre, long post, ChainReader source) {
        return new RpcChainReader(rpc, fork, pre, post, codeCache, source);
    }

    /**
     * True when a read at {@code block} belongs to the source chain's history: at or before the fork block and before
     * this proposal's pre-block (a fork that has not mined yet answers for its own fork block, with any state the
     * simulator set on it).
     */
    private boolean historical(long block) {
        return history != null && block >= 0 && block <= forkBlock && block < preBlock;
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
        if (historical(block)) {
            return history.call(to, data, block);
        }
        return rpc.send("eth_call", Map.of("to", to, "data", data), tag(block)).asText();
    }

    @Override
    public String code(String address, long block) {
        if (historical(block)) {
            return history.code(address, block);
        }
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
        if (historical(block)) {
            return history.storageAt(address, slot, block);
        }
        return rpc.send("eth_getStorageAt", address, slot, tag(block)).asText();
    }

    @Override
    public BigInteger balance(String address, long block) {
        if (historical(block)) {
            return history.balance(address, block);
        }
        return TrafficWindow.bigOf(rpc.send("eth_getBalance", address, tag(block)));
    }

    @Override
    public long nonce(String address, long block) {
        if (historical(block)) {
            return history.nonce(address, block);
        }
        return TrafficWindow.bigOf(rpc.send("eth_getTransactionCount", address, tag(block)))
                .longValueExact();
    }

    @Override
    public JsonNode rpc(String method, Object... params) {
        if (READ_PREFIXES.stream().noneMatch(method::startsWith)) {
            throw new IllegalArgumentException("a check may only read the chain; '" + method + "' is not a read");
        }
        if (history != null && historical(blockOf(method, params))) {
            return history.rpc(method, params);
        }
        return rpc.send(method, params);
    }

    /**
     * The block a read is pinned to: the block tag of state reads ({@code eth_call}, {@code eth_getCode},
     * {@code eth_getBalance}, {@code eth_getStorageAt}, {@code eth_getTransactionCount}), the {@code toBlock} of
     * {@code eth_getLogs}, the number of {@code eth_getBlockByNumber}; -1 for anything else (read on the fork).
     */
    static long blockOf(String method, Object... params) {
        Object tag = switch (method) {
            case "eth_call",
                    "eth_getCode",
                    "eth_getBalance",
                    "eth_getStorageAt",
                    "eth_getTransactionCount",
                    "eth_estimateGas" -> params.length > 1 ? params[params.length - 1] : null;
            case "eth_getBlockByNumber" -> params.length > 0 ? params[0] : null;
            case "eth_getLogs" ->
                params.length > 0 && params[0] instanceof Map<?, ?> filter ? filter.get("toBlock") : null;
            default -> null;
        };
        if (tag instanceof String s && s.startsWith("0x")) {
            try {
                return Long.decode(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (tag instanceof Number n) {
            return n.longValue();
        }
        return -1;
    }

    public static String tag(long block) {
        return block < 0 ? "latest" : "0x" + Long.toHexString(block);
    }
}
