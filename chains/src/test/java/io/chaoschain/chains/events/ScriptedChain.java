package io.chaoschain.chains.events;

import io.chaoschain.chains.BlockHeader;
import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.CallRequest;
import io.chaoschain.chains.ChainBlock;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.chains.TxReceipt;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;

/**
 * An in-memory chain of headers and logs for the reads an event monitor makes, with a hook that runs in the middle of
 * {@code eth_getLogs} so a test can reorganise the chain between the reads of one poll.
 */
final class ScriptedChain implements ChainClient {
    static final String CONTRACT = "0x" + "c0".repeat(20);
    private final List<BlockHeader> headers = new ArrayList<>();
    private final List<List<String>> payloads = new ArrayList<>();
    private int forks;
    Runnable duringGetLogs = () -> {};
    /** Logs returned once by the next {@code eth_getLogs}, as a node on another branch would. */
    final List<LogEntry> strayLogs = new ArrayList<>();

    ScriptedChain() {
        append(List.of());
    }

    /** Mines a block whose logs carry {@code payloads} (one log each). */
    void append(List<String> blockPayloads) {
        long number = headers.size();
        String parent = number == 0 ? "0x" + "00".repeat(32) : headers.getLast().hash();
        String hash = Hash.sha3String(parent + number + blockPayloads + "/" + forks);
        headers.add(new BlockHeader(
                number,
                hash,
                parent,
                Instant.ofEpochSecond(1_700_000_000L + number * 12),
                BigInteger.valueOf(30_000_000),
                Optional.empty()));
        payloads.add(List.copyOf(blockPayloads));
    }

    void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            append(List.of());
        }
    }

    /** Replaces the last {@code depth} blocks with {@code replacement} (one payload list per new block). */
    void reorg(int depth, List<List<String>> replacement) {
        forks++;
        for (int i = 0; i < depth; i++) {
            headers.removeLast();
            payloads.removeLast();
        }
        replacement.forEach(this::append);
    }

    @Override
    public String chainName() {
        return "scripted";
    }

    @Override
    public long chainId() {
        return 1;
    }

    @Override
    public long blockNumber() {
        return headers.size() - 1;
    }

    @Override
    public Optional<BlockHeader> blockHeader(long number) {
        return number < headers.size() ? Optional.of(headers.get((int) number)) : Optional.empty();
    }

    @Override
    public BlockHeader latestHeader() {
        return headers.getLast();
    }

    @Override
    public List<LogEntry> getLogs(LogFilter filter) {
        List<LogEntry> logs = new ArrayList<>();
        for (long n = filter.fromBlock(); n <= Math.min(filter.toBlock(), blockNumber()); n++) {
            List<String> blockPayloads = payloads.get((int) n);
            for (int i = 0; i < blockPayloads.size(); i++) {
                logs.add(new LogEntry(
                        CONTRACT,
                        List.of("0x" + "11".repeat(32)),
                        blockPayloads.get(i),
                        n,
                        headers.get((int) n).hash(),
                        "0x" + "22".repeat(32),
                        0,
                        i,
                        false));
            }
        }
        logs.addAll(strayLogs);
        strayLogs.clear();
        duringGetLogs.run();
        return logs;
    }

    @Override
    public Optional<ChainBlock> block(long number) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String call(CallRequest request, BlockRef block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getStorageAt(String address, BigInteger slot, BlockRef block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getCode(String address, BlockRef block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger getBalance(String address, BlockRef block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger getTransactionCount(String address, BlockRef block) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger estimateGas(CallRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger gasPrice() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<BigInteger> maxPriorityFeePerGas() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String sendRawTransaction(String signedTransaction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TxReceipt> receipt(String transactionHash) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T request(String method, List<?> params, Class<T> resultType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Web3j web3j() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
