package io.chaoschain.chains;

import java.util.Optional;

/** The node answered a request with a JSON-RPC error. */
public class RpcErrorException extends ChainException {
    private final String method;
    private final int code;
    private final String rpcMessage;
    private final String data;

    public RpcErrorException(String chain, String method, int code, String rpcMessage, String data) {
        super(chain, method + " failed: " + rpcMessage + " (code " + code + ")");
        this.method = method;
        this.code = code;
        this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
        this.data = data;
    }

    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    /** The node's error message, e.g. {@code nonce too low}. */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** The error's data member: for reverts, the 0x-prefixed revert data. */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }
}
