package io.chaoschain.chains;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;

/**
 * Read and write access to one EVM chain, with failover across its RPC URLs and retries on I/O errors.
 *
 * <p>Every method throws {@link ChainUnavailableException} when no RPC URL answered within the retry policy and
 * {@link RpcErrorException} when the node answered with an error; calls that execute code throw
 * {@link CallRevertedException} when that code reverts. Addresses are 0x-prefixed hex; data is 0x-prefixed hex.
 */
public interface ChainClient extends AutoCloseable {

    /** The chain's configured name. */
    String chainName();

    /** The chain id, verified against every RPC before it is used. */
    long chainId();

    /** The number of the head block. */
    long blockNumber();

    /** The header of block {@code number}, or empty when the chain has no such block (yet). */
    Optional<BlockHeader> blockHeader(long number);

    /** The header of the head block. */
    BlockHeader latestHeader();

    /** Block {@code number} with its full transactions, or empty when the chain has no such block. */
    Optional<ChainBlock> block(long number);

    /** The logs matching {@code filter}, in chain order. */
    List<LogEntry> getLogs(LogFilter filter);

    /** Calls {@code to} with {@code data} at {@code block}, without a sender. Returns the call's return data. */
    default String call(String to, String data, BlockRef block) {
        return call(CallRequest.to(to, data), block);
    }

    /**
     * Executes a message call at {@code block} without creating a transaction. Returns the call's return data.
     *
     * @throws CallRevertedException when the call reverts
     */
    String call(CallRequest request, BlockRef block);

    /** The 32-byte storage word at {@code slot}, 0x-prefixed. */
    String getStorageAt(String address, BigInteger slot, BlockRef block);

    /** The account's code; "0x" for an account without code. */
    String getCode(String address, BlockRef block);

    /** The account's balance in wei. */
    BigInteger getBalance(String address, BlockRef block);

    /** The number of transactions sent from {@code address}: its next nonce at that block. */
    BigInteger getTransactionCount(String address, BlockRef block);

    /**
     * Estimates the gas a transaction needs at the pending state.
     *
     * @throws CallRevertedException when the transaction would revert
     */
    BigInteger estimateGas(CallRequest request);

    /** The node's legacy gas price suggestion, in wei. */
    BigInteger gasPrice();

    /** The node's priority fee suggestion ({@code eth_maxPriorityFeePerGas}), empty when the node lacks the method. */
    Optional<BigInteger> maxPriorityFeePerGas();

    /** Broadcasts a signed transaction; returns its hash. */
    String sendRawTransaction(String signedTransaction);

    /** The receipt of a mined transaction, or empty while it is pending or unknown. */
    Optional<TxReceipt> receipt(String transactionHash);

    /**
     * Sends any JSON-RPC request (e.g. {@code anvil_mine}, {@code debug_traceTransaction}) and converts the result
     * with Jackson; use {@code JsonNode.class} for the raw tree and {@code Void.class} to ignore it.
     */
    <T> T request(String method, List<?> params, Class<T> resultType);

    /**
     * Sends any JSON-RPC request with positional parameters (none may be null) and returns its result as a JSON tree;
     * JSON null comes back as a null node, never as Java null. For the methods this interface has no typed form for:
     * Anvil's cheat codes ({@code anvil_mine}, {@code evm_increaseTime}, {@code anvil_impersonateAccount}), tracing
     * ({@code debug_traceTransaction}) and raw reads.
     *
     * @throws RpcErrorException when the node answers with an error ({@link CallRevertedException} for a revert)
     */
    default JsonNode send(String method, Object... params) {
        JsonNode result = request(method, List.of(params), JsonNode.class);
        return result == null ? NullNode.getInstance() : result;
    }

    /**
     * Sends the calls and returns their answers in call order, each either a result or the error the node answered that
     * call with; an unreachable node fails the whole batch. Implementations send JSON-RPC batches where they can (this
     * default sends the calls one by one).
     */
    default List<RpcResult> batch(List<RpcCall> calls) {
        List<RpcResult> results = new ArrayList<>(calls.size());
        for (RpcCall call : calls) {
            try {
                results.add(RpcResult.of(send(call.method(), call.params().toArray())));
            } catch (RpcErrorException e) {
                results.add(RpcResult.failed(e));
            }
        }
        return results;
    }

    /**
     * A web3j facade over the same failover transport, for generated contract wrappers and web3j APIs this interface
     * does not cover. Do not shut it down; {@link #close()} does.
     */
    Web3j web3j();

    /** Releases connections and threads. */
    @Override
    void close();
}
