package io.chaoschain.chains;

import java.util.List;
import java.util.Objects;

/**
 * One JSON-RPC request of a {@link ChainClient#batch batch}: a method and its positional parameters, serialised with
 * Jackson (maps become objects, lists arrays).
 */
public record RpcCall(String method, List<?> params) {
    public RpcCall {
        Objects.requireNonNull(method, "method");
        params = List.copyOf(params);
    }

    public static RpcCall of(String method, Object... params) {
        return new RpcCall(method, List.of(params));
    }
}
