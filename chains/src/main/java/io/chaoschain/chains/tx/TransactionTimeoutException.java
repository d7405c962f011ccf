package io.chaoschain.chains.tx;

import io.chaoschain.chains.ChainException;
import java.time.Duration;

/** A sent transaction was not mined in time. It may still be mined later. */
public class TransactionTimeoutException extends ChainException {
    private final String transactionHash;

    public TransactionTimeoutException(String chain, String transactionHash, Duration waited) {
        super(chain, "transaction " + transactionHash + " was not mined within " + waited.toMillis() + " ms");
        this.transactionHash = transactionHash;
    }

    public String transactionHash() {
        return transactionHash;
    }
}
