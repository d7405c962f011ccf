package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Raw JSON-RPC over one web3j {@link HttpService}: single calls and batches whose results come back as Jackson
 * trees. Anvil's cheat methods ({@code anvil_*}, {@code evm_*}, {@code debug_*}) have no typed web3j binding, so
 * everything the simulator does goes through here. The OkHttp client is shared so connections are pooled across
 * calls and clients.
 */
public final class RpcClient {
  /** Largest batch sent in one HTTP request; public endpoints commonly cap batches around 100. */
  static final int MAX_BATCH = 100;

  private final Web3jService service;
  private final String label;

  public RpcClient(String url, OkHttpClient http, String label) {
    this.service = new HttpService(url, http);
    this.label = label;
  }

  /** A method and its positional parameters. */
  public record Call(String method, List<?> params) {
    public static Call of(String method, Object... params) {
      return new Call(method, List.of(params));
    }
  }

  /** One call's answer: either a result (possibly JSON null) or an error. */
  public record Result(JsonNode value, RpcError error) {
    public boolean ok() {
      return error == null;
    }

    /** The result, or throws the error. */
    public JsonNode orThrow() {
      if (error != null) {
        throw error;
      }
      return value;
    }
  }

  /** A JSON-RPC error answer. {@code data} holds revert data where the node sends it. */
  public static final class RpcError extends RuntimeException {
    private final int code;
    private final String nodeMessage;
    private final String data;

    RpcError(String method, int code, String message, String data) {
      super(method + " failed: " + message + " (code " + code + ")");
      this.code = code;
      this.nodeMessage = message;
      this.data = data;
    }

    public int code() {
      return code;
    }

    public String data() {
      return data;
    }

    /** The node's message without the method prefix. */
    public String nodeMessage() {
      return nodeMessage;
    }
  }

  /** Jackson target for any result shape. Public with a no-arg constructor because web3j instantiates it. */
  public static final class JsonResponse extends Response<JsonNode> {}

  /**
   * Sends one call and returns its result.
   *
   * @throws RpcError when the node answers with an error
   * @throws UncheckedIOException when the node cannot be reached
   */
  public JsonNode call(String method, Object... params) {
    Request<?, JsonResponse> request = new Request<>(method, List.of(params), service, JsonResponse.class);
    JsonResponse response;
    try {
      response = request.send();
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": " + method + ": " + describe(e), e);
    }
    return toResult(method, response).orThrow();
  }

  /**
   * Sends calls as JSON-RPC batches (split at {@value #MAX_BATCH}) and returns their answers in call order; answers
   * are matched by id, not by position, since JSON-RPC does not promise ordered batch answers.
   */
  public List<Result> batch(List<Call> calls) {
    List<Result> results = new ArrayList<>(calls.size());
    for (int start = 0; start < calls.size(); start += MAX_BATCH) {
      results.addAll(sendBatch(calls.subList(start, Math.min(calls.size(), start + MAX_BATCH))));
    }
    return results;
  }

  private List<Result> sendBatch(List<Call> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    BatchRequest batch = new BatchRequest(service);
    List<Request<?, JsonResponse>> requests = new ArrayList<>(calls.size());
    for (Call call : calls) {
      Request<?, JsonResponse> r = new Request<>(call.method(), call.params(), service, JsonResponse.class);
      requests.add(r);
      batch.add(r);
    }
    BatchResponse response;
    try {
      response = batch.send();
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": batch of " + calls.size() + " " + calls.getFirst().method()
          + " calls: " + describe(e), e);
    }
    Map<Long, Response<?>> byId = new HashMap<>();
    for (Response<?> r : response.getResponses()) {
      byId.put(r.getId(), r);
    }
    List<Result> results = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      Response<?> r = byId.get(requests.get(i).getId());
      if (r == null) {
        results.add(new Result(null, new RpcError(calls.get(i).method(), -1, "no answer in batch response", null)));
      } else {
        results.add(toResult(calls.get(i).method(), r));
      }
    }
    return results;
  }

  private static Result toResult(String method, Response<?> response) {
    if (response.hasError()) {
      Response.Error e = response.getError();
      return new Result(null, new RpcError(method, e.getCode(), e.getMessage(), e.getData()));
    }
    Object value = response.getResult();
    return new Result(value instanceof JsonNode node ? node : NullNode.getInstance(), null);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
