package io.chaoschain.chains;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The parts of a block header ChaosChain uses.
 *
 * @param baseFeePerGas present on chains with EIP-1559
 */
public record BlockHeader(
        long number,
        String hash,
        String parentHash,
        Instant timestamp,
        BigInteger gasLimit,
        Optional<BigInteger> baseFeePerGas) {}
