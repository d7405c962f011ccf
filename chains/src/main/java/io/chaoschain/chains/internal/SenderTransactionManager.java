package io.chaoschain.chains.internal;

import io.chaoschain.chains.tx.PendingTx;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.chains.tx.TxRequest;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Lets web3j's generated wrappers send through a {@link TransactionSender}: its nonce manager, gas estimation, fees and
 * fast receipt polling. The gas price and limit a wrapper passes in are ignored.
 */
public final class SenderTransactionManager extends TransactionManager {
    private final TransactionSender sender;

    public SenderTransactionManager(TransactionSender sender) {
        super(
                new PollingTransactionReceiptProcessor(
                        sender.client().web3j(),
                        Math.max(1, sender.options().receiptPollInterval().toMillis()),
                        attempts(sender)),
                sender.from());
        this.sender = sender;
    }

    private static int attempts(TransactionSender sender) {
        long poll = Math.max(1, sender.options().receiptPollInterval().toMillis());
        return (int) Math.max(
                1, Math.min(Integer.MAX_VALUE, sender.options().receiptTimeout().toMillis() / poll));
    }

    @Override
    public EthSendTransaction sendTransaction(
            BigInteger gasPrice, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
            throws IOException {
        return submit(to, data, value, constructor);
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(
            long chainId,
            BigInteger maxPriorityFeePerGas,
            BigInteger maxFeePerGas,
            BigInteger gasLimit,
            String to,
            String data,
            BigInteger value,
            boolean constructor)
            throws IOException {
        return submit(to, data, value, constructor);
    }

    private EthSendTransaction submit(String to, String data, BigInteger value, boolean constructor) {
        boolean creation = constructor || to == null || to.isEmpty();
        TxRequest request = new TxRequest(
                creation ? Optional.empty() : Optional.of(to),
                data == null ? "0x" : org.web3j.utils.Numeric.prependHexPrefix(data),
                value == null ? BigInteger.ZERO : value,
                Optional.empty());
        PendingTx pending = sender.submit(request);
        EthSendTransaction response = new EthSendTransaction();
        response.setResult(pending.hash());
        return response;
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall call = sender.client()
                .web3j()
                .ethCall(Transaction.createEthCallTransaction(getFromAddress(), to, data), block)
                .send();
        if (call.hasError()) {
            String revertData = RpcErrors.data(call.getError().getData());
            String reason = revertData != null
                    ? sender.revertDecoder().decode(revertData).toString()
                    : call.getError().getMessage();
            throw new ContractCallException(String.format(REVERT_ERR_STR, reason));
        }
        return call.getValue();
    }

    @Override
    public EthGetCode getCode(String contractAddress, DefaultBlockParameter block) throws IOException {
        return sender.client().web3j().ethGetCode(contractAddress, block).send();
    }
}
