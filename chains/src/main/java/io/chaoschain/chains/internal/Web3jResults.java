package io.chaoschain.chains.internal;

import io.chaoschain.chains.BlockHeader;
import io.chaoschain.chains.ChainTransaction;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.TxReceipt;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** web3j's response objects as the chain client's records: addresses and topics lower-case, quantities decoded. */
public final class Web3jResults {
    private Web3jResults() {}

    public static BlockHeader header(EthBlock.Block block) {
        return new BlockHeader(
                block.getNumber().longValueExact(),
                block.getHash(),
                block.getParentHash(),
                Instant.ofEpochSecond(block.getTimestamp().longValueExact()),
                block.getGasLimit(),
                quantity(block.getBaseFeePerGasRaw()));
    }

    public static ChainTransaction transaction(Transaction tx) {
        Optional<BigInteger> maxFee = quantity(tx.getMaxFeePerGasRaw());
        BigInteger gasPrice = quantity(tx.getGasPriceRaw()).or(() -> maxFee).orElse(BigInteger.ZERO);
        return new ChainTransaction(
                tx.getHash(),
                tx.getBlockNumber().longValueExact(),
                tx.getTransactionIndex().intValueExact(),
                lower(tx.getFrom()),
                Optional.ofNullable(tx.getTo()).map(Web3jResults::lower),
                tx.getInput(),
                tx.getValue(),
                tx.getNonce(),
                tx.getGas(),
                gasPrice,
                maxFee,
                quantity(tx.getMaxPriorityFeePerGasRaw()),
                quantity(tx.getType()).map(BigInteger::intValueExact).orElse(0));
    }

    public static TxReceipt receipt(TransactionReceipt r) {
        return new TxReceipt(
                r.getTransactionHash(),
                r.getBlockNumber().longValueExact(),
                r.getBlockHash(),
                lower(r.getFrom()),
                Optional.ofNullable(r.getTo()).map(Web3jResults::lower),
                r.isStatusOK(),
                r.getGasUsed(),
                quantity(r.getEffectiveGasPrice()).orElse(BigInteger.ZERO),
                Optional.ofNullable(r.getContractAddress()).map(Web3jResults::lower),
                r.getLogs().stream().map(Web3jResults::log).toList());
    }

    public static LogEntry log(Log log) {
        return new LogEntry(
                lower(log.getAddress()),
                log.getTopics().stream().map(Web3jResults::lower).toList(),
                log.getData(),
                log.getBlockNumber().longValueExact(),
                log.getBlockHash(),
                log.getTransactionHash(),
                log.getTransactionIndex().intValueExact(),
                log.getLogIndex().intValueExact(),
                log.isRemoved());
    }

    private static Optional<BigInteger> quantity(String raw) {
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(Numeric.decodeQuantity(raw));
    }

    private static String lower(String hex) {
        return hex == null ? null : hex.toLowerCase(Locale.ROOT);
    }
}
