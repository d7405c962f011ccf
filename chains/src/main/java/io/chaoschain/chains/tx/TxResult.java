package io.chaoschain.chains.tx;

import io.chaoschain.chains.LogEntry;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A mined transaction's outcome.
 *
 * @param success status 1
 * @param revertReason for a failed transaction, why it reverted
 * @param contractAddress the created contract, for deployments
 */
public record TxResult(
        String hash,
        long blockNumber,
        boolean success,
        BigInteger gasUsed,
        Optional<RevertReason> revertReason,
        Optional<String> contractAddress,
        List<LogEntry> logs) {
    public TxResult {
        logs = List.copyOf(logs);
    }

    /** This result if it succeeded; otherwise throws {@link TransactionRevertedException}. */
    public TxResult requireSuccess(String chain) {
        if (!success) {
            throw new TransactionRevertedException(chain, revertReason.orElseThrow(), Optional.of(hash));
        }
        return this;
    }
}
