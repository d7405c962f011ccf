package io.chaoschain.chains;

import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A message call for {@code eth_call} or {@code eth_estimateGas}.
 *
 * @param from the sender; empty for the zero address
 * @param to the callee; empty for a contract creation
 * @param value wei sent along
 * @param data calldata, or init code for a creation
 * @param gas the gas limit; empty lets the node choose
 */
public record CallRequest(
        Optional<String> from, Optional<String> to, BigInteger value, String data, Optional<BigInteger> gas) {
    public CallRequest {
        from = from.map(f -> Hex.address(f, "call.from"));
        to = to.map(t -> Hex.address(t, "call.to"));
        Objects.requireNonNull(value, "value");
        data = Hex.data(data, "call.data");
    }

    /** A call of {@code to} with {@code data}, no sender, no value. */
    public static CallRequest to(String to, String data) {
        return new CallRequest(Optional.empty(), Optional.of(to), BigInteger.ZERO, data, Optional.empty());
    }

    /** A contract creation with {@code initCode}. */
    public static CallRequest create(String initCode) {
        return new CallRequest(Optional.empty(), Optional.empty(), BigInteger.ZERO, initCode, Optional.empty());
    }

    public CallRequest from(String sender) {
        return new CallRequest(Optional.of(sender), to, value, data, gas);
    }

    public CallRequest withValue(BigInteger wei) {
        return new CallRequest(from, to, wei, data, gas);
    }

    public CallRequest withGas(BigInteger limit) {
        return new CallRequest(from, to, value, data, Optional.of(limit));
    }
}
