package io.chaoschain.chains;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A mined transaction's receipt.
 *
 * @param success status 1
 * @param contractAddress the created contract, for deployments
 */
public record TxReceipt(
        String transactionHash,
        long blockNumber,
        String blockHash,
        String from,
        Optional<String> to,
        boolean success,
        BigInteger gasUsed,
        BigInteger effectiveGasPrice,
        Optional<String> contractAddress,
        List<LogEntry> logs) {
    public TxReceipt {
        logs = List.copyOf(logs);
    }
}
