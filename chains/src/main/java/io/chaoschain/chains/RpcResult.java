package io.chaoschain.chains;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One answer of a {@link ChainClient#batch batch}: the result as a JSON tree (JSON null as a null node), or the
 * JSON-RPC error the node answered with, decoded as {@link ChainClient} decodes errors (a revert of an
 * {@code eth_call} is a {@link CallRevertedException}).
 */
public record RpcResult(JsonNode value, RpcErrorException error) {
    public RpcResult {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("a result holds either a value or an error");
        }
    }

    public static RpcResult of(JsonNode value) {
        return new RpcResult(Objects.requireNonNull(value, "value"), null);
    }

    public static RpcResult failed(RpcErrorException error) {
        return new RpcResult(null, Objects.requireNonNull(error, "error"));
    }

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
