package io.chaoschain.chains;

/** An {@code eth_call} or {@code eth_estimateGas} reverted; {@link #revertData()} holds what the contract returned. */
public class CallRevertedException extends RpcErrorException {
    private final String revertData;

    public CallRevertedException(String chain, String method, int code, String rpcMessage, String revertData) {
        super(chain, method, code, rpcMessage, revertData);
        this.revertData = revertData == null ? "0x" : revertData;
    }

    /** The revert data (0x-prefixed hex; "0x" for a bare revert). Decode it with a {@code RevertDecoder}. */
    public String revertData() {
        return revertData;
    }
}
