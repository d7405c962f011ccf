package io.chaoschain.chains.tx;

import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction to sign and send.
 *
 * @param to the callee; empty deploys {@code data} as init code
 * @param data calldata (0x-prefixed hex)
 * @param value wei to send
 * @param gasLimit a fixed gas limit; empty estimates it (with the sender's margin), which also rejects transactions
 *     that would revert before they cost gas
 */
public record TxRequest(Optional<String> to, String data, BigInteger value, Optional<BigInteger> gasLimit) {
    public TxRequest {
        to = to.map(t -> Hex.address(t, "transaction.to"));
        data = Hex.data(data, "transaction.data");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("transaction value must not be negative");
        }
        gasLimit.ifPresent(g -> {
            if (g.signum() <= 0) {
                throw new IllegalArgumentException("gas limit must be positive");
            }
        });
    }

    public static TxRequest call(String to, String data) {
        return new TxRequest(Optional.of(to), data, BigInteger.ZERO, Optional.empty());
    }

    public static TxRequest deploy(String initCode) {
        return new TxRequest(Optional.empty(), initCode, BigInteger.ZERO, Optional.empty());
    }

    public static TxRequest transfer(String to, BigInteger wei) {
        return new TxRequest(Optional.of(to), "0x", wei, Optional.empty());
    }

    public TxRequest withValue(BigInteger wei) {
        return new TxRequest(to, data, wei, gasLimit);
    }

    public TxRequest withGasLimit(BigInteger limit) {
        return new TxRequest(to, data, value, Optional.of(limit));
    }
}
