package io.chaoschain.node.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactivex.Flowable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * A chain's JSON-RPC endpoint in memory: it knows its chain id and a head block and refuses every other method, and it
 * counts how often it was closed (closing the chain client closes its transports).
 */
@SuppressWarnings("rawtypes") // Web3jService declares raw Request/Response types
final class CountingRpc implements Web3jService {
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

    private final long chainId;
    final AtomicInteger closes = new AtomicInteger();

    CountingRpc(long chainId) {
        this.chainId = chainId;
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", request.getId());
        switch (request.getMethod()) {
            case "eth_chainId" -> body.put("result", "0x" + Long.toHexString(chainId));
            case "eth_blockNumber" -> body.put("result", "0x64");
            default -> body.put("error", Map.of("code", -32601, "message", "Method not found"));
        }
        return JSON.readValue(JSON.writeValueAsString(body), responseType);
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batchRequest) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batchRequest) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribe, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
