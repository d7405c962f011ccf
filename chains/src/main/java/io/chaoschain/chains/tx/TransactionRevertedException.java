package io.chaoschain.chains.tx;

import io.chaoschain.chains.ChainException;
import java.util.Optional;

/**
 * A transaction reverted: when mined ({@link #transactionHash()} present), or already when its gas was estimated, in
 * which case it was never sent.
 */
public class TransactionRevertedException extends ChainException {
    private final RevertReason reason;
    private final Optional<String> transactionHash;

    public TransactionRevertedException(String chain, RevertReason reason, Optional<String> transactionHash) {
        super(
                chain,
                transactionHash.map(h -> "transaction " + h + " reverted: ").orElse("transaction would revert: ")
                        + reason);
        this.reason = reason;
        this.transactionHash = transactionHash;
    }

    public RevertReason reason() {
        return reason;
    }

    /** Empty when the revert was found by gas estimation and nothing was sent. */
    public Optional<String> transactionHash() {
        return transactionHash;
    }
}
