package io.chaoschain.chains.tx;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.CallRequest;
import io.chaoschain.chains.CallRevertedException;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainException;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.Sleeper;
import io.chaoschain.chains.TxReceipt;
import io.chaoschain.chains.internal.SenderTransactionManager;
import io.chaoschain.chains.keys.TransactionSigner;
import io.chaoschain.core.TimeProvider;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * Signs transactions locally and sends them: estimates gas with a margin, prices them as EIP-1559 transactions where
 * the chain has a base fee (legacy otherwise), assigns nonces through a shared {@link NonceManager}, recovers from
 * "nonce too low" by re-reading the pending count, polls fast for the receipt and decodes revert reasons. Thread-safe.
 */
public final class TransactionSender {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);
    private static final BigInteger DEFAULT_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /** How transactions are priced. */
    public enum FeeMode {
        /** EIP-1559 when the head block has a base fee, legacy otherwise. */
        AUTO,
        EIP1559,
        LEGACY
    }

    /**
     * @param receiptPollInterval pause between receipt polls
     * @param receiptTimeout how long {@link #send} waits for the receipt
     * @param gasMarginPercent added to estimates, e.g. 20 sends 120 % of the estimate
     * @param maxNonceRetries how often a send is retried after the node reports the nonce as used
     * @param feeMode how transactions are priced
     */
    public record Options(
            Duration receiptPollInterval,
            Duration receiptTimeout,
            int gasMarginPercent,
            int maxNonceRetries,
            FeeMode feeMode) {
        public Options {
            Objects.requireNonNull(receiptPollInterval, "receiptPollInterval");
            Objects.requireNonNull(receiptTimeout, "receiptTimeout");
            Objects.requireNonNull(feeMode, "feeMode");
            if (gasMarginPercent < 0 || maxNonceRetries < 0) {
                throw new IllegalArgumentException("gasMarginPercent and maxNonceRetries must not be negative");
            }
        }

        /** 100 ms receipt polls, 120 s receipt timeout, 20 % gas margin, 3 nonce retries, automatic fee mode. */
        public static Options defaults() {
            return new Options(Duration.ofMillis(100), Duration.ofSeconds(120), 20, 3, FeeMode.AUTO);
        }

        public Options withReceiptPolling(Duration interval, Duration timeout) {
            return new Options(interval, timeout, gasMarginPercent, maxNonceRetries, feeMode);
        }

        public Options withFeeMode(FeeMode mode) {
            return new Options(receiptPollInterval, receiptTimeout, gasMarginPercent, maxNonceRetries, mode);
        }

        public Options withGasMarginPercent(int percent) {
            return new Options(receiptPollInterval, receiptTimeout, percent, maxNonceRetries, feeMode);
        }
    }

    private sealed interface Fees {
        record Eip1559(BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) implements Fees {}

        record Legacy(BigInteger gasPrice) implements Fees {}
    }

    private final ChainClient client;
    private final TransactionSigner signer;
    private final NonceManager nonces;
    private final RevertDecoder decoder;
    private final Options options;
    private final Sleeper sleeper;
    private final TimeProvider clock;

    public TransactionSender(
            ChainClient client,
            TransactionSigner signer,
            NonceManager nonces,
            RevertDecoder decoder,
            Options options,
            Sleeper sleeper,
            TimeProvider clock) {
        this.client = Objects.requireNonNull(client);
        this.signer = Objects.requireNonNull(signer);
        this.nonces = Objects.requireNonNull(nonces);
        this.decoder = Objects.requireNonNull(decoder);
        this.options = Objects.requireNonNull(options);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A sender with its own nonce manager, default options and the given revert decoder. */
    public static TransactionSender create(ChainClient client, TransactionSigner signer, RevertDecoder decoder) {
        return new TransactionSender(
                client,
                signer,
                new NonceManager(client),
                decoder,
                Options.defaults(),
                Sleeper.system(),
                TimeProvider.system());
    }

    /** A sender that shares {@code nonces} with other senders of the same chain. */
    public static TransactionSender create(
            ChainClient client, TransactionSigner signer, NonceManager nonces, RevertDecoder decoder, Options options) {
        return new TransactionSender(client, signer, nonces, decoder, options, Sleeper.system(), TimeProvider.system());
    }

    /** The sending account. */
    public String from() {
        return signer.address();
    }

    public ChainClient client() {
        return client;
    }

    public RevertDecoder revertDecoder() {
        return decoder;
    }

    public Options options() {
        return options;
    }

    /**
     * Sends {@code request} and waits for it to be mined.
     *
     * @return the outcome; a mined transaction that reverted is a result with {@code success == false}, not an
     *     exception
     * @throws TransactionRevertedException when gas estimation shows the transaction would revert (nothing is sent)
     * @throws TransactionTimeoutException when it is not mined within the receipt timeout
     */
    public TxResult send(TxRequest request) {
        return await(submit(request));
    }

    /**
     * Signs and broadcasts {@code request} without waiting for it to be mined.
     *
     * @throws TransactionRevertedException when gas estimation shows the transaction would revert (nothing is sent)
     */
    public PendingTx submit(TxRequest request) {
        BigInteger gasLimit = request.gasLimit().orElseGet(() -> estimate(request));
        Fees fees = fees();
        try (NonceManager.Reservation reservation = nonces.reserve(from())) {
            BigInteger nonce = reservation.nonce();
            for (int attempt = 0; ; attempt++) {
                String signed = Numeric.toHexString(signer.sign(raw(request, nonce, gasLimit, fees), client.chainId()));
                String hash = Hash.sha3(signed);
                try {
                    client.sendRawTransaction(signed);
                    reservation.commit();
                    return new PendingTx(hash, from(), nonce, gasLimit, request);
                } catch (RpcErrorException e) {
                    String message = e.rpcMessage().toLowerCase(Locale.ROOT);
                    if (alreadyKnown(message)) {
                        // a retried broadcast of the very same signed bytes: the node has it
                        reservation.commit();
                        return new PendingTx(hash, from(), nonce, gasLimit, request);
                    }
                    if (!nonceTaken(message)) {
                        throw e;
                    }
                    if (client.receipt(hash).isPresent()) {
                        // our own earlier broadcast was mined before the node answered a retry
                        reservation.commit();
                        return new PendingTx(hash, from(), nonce, gasLimit, request);
                    }
                    if (attempt >= options.maxNonceRetries()) {
                        throw e;
                    }
                    BigInteger stale = nonce;
                    nonce = reservation.resync();
                    LOG.debug(
                            "chain '{}': nonce {} of {} was taken ({}); retrying with {}",
                            client.chainName(),
                            stale,
                            from(),
                            e.rpcMessage(),
                            nonce);
                }
            }
        }
    }

    /**
     * Waits for {@code pending} to be mined and returns its outcome, with the revert reason of a failed transaction.
     *
     * @throws TransactionTimeoutException when it is not mined within the receipt timeout
     */
    public TxResult await(PendingTx pending) {
        TxReceipt receipt = awaitReceipt(pending.hash());
        Optional<RevertReason> reason =
                receipt.success() ? Optional.empty() : Optional.of(revertReason(pending, receipt));
        return new TxResult(
                receipt.transactionHash(),
                receipt.blockNumber(),
                receipt.success(),
                receipt.gasUsed(),
                reason,
                receipt.contractAddress(),
                receipt.logs());
    }

    /** Polls for the receipt of {@code hash} every receipt poll interval until the receipt timeout. */
    public TxReceipt awaitReceipt(String hash) {
        Instant deadline = clock.now().plus(options.receiptTimeout());
        while (true) {
            Optional<TxReceipt> receipt = client.receipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (!clock.now().isBefore(deadline)) {
                throw new TransactionTimeoutException(client.chainName(), hash, options.receiptTimeout());
            }
            try {
                sleeper.sleep(options.receiptPollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException(client.chainName(), "interrupted while waiting for transaction " + hash);
            }
        }
    }

    /**
     * A web3j {@link TransactionManager} that sends through this sender, for generated contract wrappers. It ignores
     * the wrapper's gas provider: gas is estimated and priced as for {@link #send}. A transaction that would revert
     * fails with {@link TransactionRevertedException} before it is sent.
     */
    public TransactionManager transactionManager() {
        return new SenderTransactionManager(this);
    }

    // ---------------------------------------------------------------- internals

    private BigInteger estimate(TxRequest request) {
        CallRequest call =
                new CallRequest(Optional.of(from()), request.to(), request.value(), request.data(), Optional.empty());
        try {
            BigInteger estimate = client.estimateGas(call);
            return estimate.multiply(HUNDRED.add(BigInteger.valueOf(options.gasMarginPercent())))
                    .divide(HUNDRED);
        } catch (CallRevertedException e) {
            throw new TransactionRevertedException(
                    client.chainName(), decoder.decode(e.revertData()), Optional.empty());
        }
    }

    private Fees fees() {
        Optional<BigInteger> baseFee = switch (options.feeMode()) {
            case LEGACY -> Optional.empty();
            case EIP1559 -> Optional.of(client.latestHeader().baseFeePerGas().orElseGet(client::gasPrice));
            case AUTO -> client.latestHeader().baseFeePerGas();
        };
        if (baseFee.isEmpty()) {
            return new Fees.Legacy(client.gasPrice());
        }
        BigInteger tip = client.maxPriorityFeePerGas().orElse(DEFAULT_PRIORITY_FEE);
        // twice the base fee survives six full blocks of base-fee growth before the transaction is priced out
        return new Fees.Eip1559(tip, baseFee.get().shiftLeft(1).add(tip));
    }

    private RawTransaction raw(TxRequest request, BigInteger nonce, BigInteger gasLimit, Fees fees) {
        String to = request.to().orElse("");
        return switch (fees) {
            case Fees.Eip1559 f ->
                RawTransaction.createTransaction(
                        client.chainId(),
                        nonce,
                        gasLimit,
                        to,
                        request.value(),
                        request.data(),
                        f.maxPriorityFeePerGas(),
                        f.maxFeePerGas());
            case Fees.Legacy f ->
                RawTransaction.createTransaction(nonce, f.gasPrice(), gasLimit, to, request.value(), request.data());
        };
    }

    /**
     * Finds why a mined transaction failed by re-executing it as a call on the state before its block. Exact when the
     * transaction was first in its block (always on an automining devnet); otherwise the best available guess.
     */
    private RevertReason revertReason(PendingTx pending, TxReceipt receipt) {
        if (receipt.gasUsed().compareTo(pending.gasLimit()) >= 0) {
            return new RevertReason(RevertReason.Kind.OUT_OF_GAS, "0x", "", List.of(), "0x");
        }
        TxRequest request = pending.request();
        CallRequest call = new CallRequest(
                Optional.of(pending.from()),
                request.to(),
                request.value(),
                request.data(),
                Optional.of(pending.gasLimit()));
        try {
            client.call(call, BlockRef.at(Math.max(0, receipt.blockNumber() - 1)));
            return new RevertReason(RevertReason.Kind.UNKNOWN, "0x", "", List.of(), "0x");
        } catch (CallRevertedException e) {
            return decoder.decode(e.revertData());
        } catch (ChainException e) {
            LOG.debug(
                    "chain '{}': could not replay {} to find its revert reason", client.chainName(), pending.hash(), e);
            return new RevertReason(RevertReason.Kind.UNKNOWN, "0x", "", List.of(), "0x");
        }
    }

    private static boolean alreadyKnown(String message) {
        return message.contains("already known")
                || message.contains("known transaction")
                || message.contains("already imported")
                || message.contains("alreadyknown");
    }

    private static boolean nonceTaken(String message) {
        return message.contains("nonce too low")
                || message.contains("noncetoolow")
                || message.contains("replacement transaction underpriced")
                || message.contains("nonce has already been used");
    }
}
