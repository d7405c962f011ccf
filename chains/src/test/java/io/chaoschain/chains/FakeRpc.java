package io.chaoschain.chains;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactivex.Flowable;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * An in-memory JSON-RPC endpoint: answers methods from a table, or refuses connections while {@link #down} is set.
 * Responses go through web3j's real JSON mapping.
 */
@SuppressWarnings("rawtypes") // Web3jService declares raw Request/Response types
final class FakeRpc implements Web3jService {
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

    /** A JSON-RPC error answer. */
    record RpcError(int code, String message, String data) {}

    volatile boolean down;
    volatile long chainId;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final Map<String, Function<List<?>, Object>> answers = new ConcurrentHashMap<>();

    FakeRpc(long chainId) {
        this.chainId = chainId;
    }

    FakeRpc answer(String method, Object result) {
        answers.put(method, params -> result);
        return this;
    }

    FakeRpc answer(String method, Function<List<?>, Object> result) {
        answers.put(method, result);
        return this;
    }

    long count(String method) {
        return calls.stream().filter(method::equals).count();
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        calls.add(request.getMethod());
        if (down) {
            throw new ConnectException("Failed to connect to /127.0.0.1:1");
        }
        Object result;
        if (request.getMethod().equals("eth_chainId")) {
            result = "0x" + Long.toHexString(chainId);
        } else {
            Function<List<?>, Object> answer = answers.get(request.getMethod());
            if (answer == null) {
                result = new RpcError(-32601, "Method not found", null);
            } else {
                result = answer.apply(request.getParams());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", request.getId());
        if (result instanceof RpcError error) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", error.code());
            err.put("message", error.message());
            if (error.data() != null) {
                err.put("data", error.data());
            }
            body.put("error", err);
        } else {
            body.put("result", result);
        }
        return JSON.readValue(JSON.writeValueAsString(body), responseType);
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        throw new UnsupportedOperationException();
    }

    /** Answers every request of the batch, in reverse order: JSON-RPC does not promise ordered batch answers. */
    @Override
    public BatchResponse sendBatch(BatchRequest batchRequest) throws IOException {
        batchSizes.add(batchRequest.getRequests().size());
        List<Response<?>> answers = new ArrayList<>();
        for (Request<?, ? extends Response<?>> request : batchRequest.getRequests()) {
            answers.add(send(request, request.getResponseType()));
        }
        Collections.reverse(answers);
        return new BatchResponse(batchRequest.getRequests(), answers);
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
    public void close() {}
}
