package io.chaoschain.chains;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A mined transaction as the node reports it inside a block.
 *
 * @param to the called account; empty for contract creation
 * @param input calldata (0x-prefixed hex)
 * @param gasPrice the price paid per gas (for EIP-1559 transactions, the effective price the node reports)
 * @param maxFeePerGas present for EIP-1559 transactions
 * @param maxPriorityFeePerGas present for EIP-1559 transactions
 * @param type the EIP-2718 type (0 legacy, 2 EIP-1559, ...)
 */
public record ChainTransaction(
        String hash,
        long blockNumber,
        int transactionIndex,
        String from,
        Optional<String> to,
        String input,
        BigInteger value,
        BigInteger nonce,
        BigInteger gas,
        BigInteger gasPrice,
        Optional<BigInteger> maxFeePerGas,
        Optional<BigInteger> maxPriorityFeePerGas,
        int type) {}
