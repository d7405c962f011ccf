package io.chaoschain.simulation.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * Read-only JSON-RPC access to a chain at chosen blocks. A {@code block} of -1 means the latest block.
 * Implementations refuse any method that could change state.
 */
public interface ChainReader {

    /** The latest block number. */
    long latestBlock();

    /** {@code eth_call} of {@code data} on {@code to} at {@code block}; returns the output (0x-hex). */
    String call(String to, String data, long block);

    /** The code at {@code address} (0x-hex, "0x" when none). */
    String code(String address, long block);

    /** A storage word (0x + 64 hex). */
    String storageAt(String address, String slot, long block);

    BigInteger balance(String address, long block);

    long nonce(String address, long block);

    /**
     * Any read-only JSON-RPC method ({@code eth_*} reads, {@code debug_trace*}); e.g. {@code eth_getLogs} for history.
     *
     * @throws IllegalArgumentException for methods that write ({@code eth_send*}, {@code anvil_*}, {@code evm_*})
     */
    JsonNode rpc(String method, Object... params);
}
