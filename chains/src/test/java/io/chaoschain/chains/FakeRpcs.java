package io.chaoschain.chains;

import org.web3j.protocol.Web3jService;

/** Access to {@link FakeRpc} for tests in other packages. */
public final class FakeRpcs {
    private FakeRpcs() {}

    /** An endpoint of chain {@code chainId} that answers {@code method} with {@code result}. */
    public static Web3jService answering(long chainId, String method, Object result) {
        return new FakeRpc(chainId).answer(method, params -> result);
    }
}
