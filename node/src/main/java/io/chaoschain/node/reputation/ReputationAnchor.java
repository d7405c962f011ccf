package io.chaoschain.node.reputation;

import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.chains.contracts.ValidationRegistry;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.chains.tx.TxRequest;
import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The node's writes to the ERC-8004 validation and reputation registries, each sent by the account whose role it is
 * (the agent requests validation, the validator answers, the reviewer gives feedback) through its
 * {@link TransactionSender}, after the reputation transaction policy allowed the target and selector. Reads tell
 * whether a step already happened, so that a step re-run after a restart sends nothing twice.
 */
public final class ReputationAnchor {
    private final String reputationRegistry;
    private final String validationRegistry;
    private final PolicyGuard policy;
    private final ReputationRegistry reputationReader;
    private final ValidationRegistry validationReader;
    private final io.chaoschain.chains.ChainClient client;

    /** Validation status of a request: who validates, the latest answer (responseHash zero until answered). */
    public record ValidationStatus(
            String validator, BigInteger agentId, int response, String responseHash, String tag, long lastUpdate) {
        public boolean answered() {
            return !responseHash.equals(ZERO32);
        }
    }

    private static final String ZERO32 = "0x" + "0".repeat(64);

    public ReputationAnchor(
            io.chaoschain.chains.ChainClient client,
            String reputationRegistry,
            String validationRegistry,
            PolicyGuard policy) {
        this.client = client;
        this.reputationRegistry = reputationRegistry.toLowerCase(Locale.ROOT);
        this.validationRegistry = validationRegistry.toLowerCase(Locale.ROOT);
        this.policy = policy;
        var readOnly = new ReadonlyTransactionManager(client.web3j(), reputationRegistry);
        var noGas = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);
        this.reputationReader = ReputationRegistry.load(reputationRegistry, client.web3j(), readOnly, noGas);
        this.validationReader = ValidationRegistry.load(validationRegistry, client.web3j(), readOnly, noGas);
    }

    /** The allow-list for a node's reputation transactions: these registries, these three calls. */
    public static java.util.Map<String, java.util.Set<String>> allowedCalls(
            String reputationRegistry, String validationRegistry) {
        return java.util.Map.of(
                reputationRegistry.toLowerCase(Locale.ROOT),
                java.util.Set.of(ReputationCalls.GIVE_FEEDBACK),
                validationRegistry.toLowerCase(Locale.ROOT),
                java.util.Set.of(ReputationCalls.VALIDATION_REQUEST, ReputationCalls.VALIDATION_RESPONSE));
    }

    public String reputationRegistry() {
        return reputationRegistry;
    }

    public String validationRegistry() {
        return validationRegistry;
    }

    /** The request's status, or empty when no such request was made. */
    public Optional<ValidationStatus> validationStatus(String requestHash) throws Exception {
        try {
            var s = validationReader
                    .getValidationStatus(Hex.decode(requestHash))
                    .send();
            return Optional.of(new ValidationStatus(
                    s.component1().toLowerCase(Locale.ROOT),
                    s.component2(),
                    s.component3().intValue(),
                    Hex.encode(s.component4()),
                    s.component5(),
                    s.component6().longValueExact()));
        } catch (ContractCallException e) {
            return Optional.empty(); // UnknownRequest
        }
    }

    /** Sent by the agent's operator: asks {@code validator} to check the work behind {@code requestHash}. */
    public TxResult requestValidation(
            TransactionSender agent, String validator, BigInteger agentId, String requestUri, String requestHash) {
        String data = validationReader
                .validationRequest(validator, agentId, requestUri, Hex.decode(requestHash))
                .encodeFunctionCall();
        return send(agent, validationRegistry, data, "validationRequest");
    }

    /** Sent by the validator named in the request. */
    public TxResult respondValidation(
            TransactionSender validator,
            String requestHash,
            int response,
            String responseUri,
            String responseHash,
            String tag) {
        String data = validationReader
                .validationResponse(
                        Hex.decode(requestHash),
                        BigInteger.valueOf(response),
                        responseUri,
                        Hex.decode(responseHash),
                        tag)
                .encodeFunctionCall();
        return send(validator, validationRegistry, data, "validationResponse");
    }

    /** Sent by a reviewer who does not control the agent (the registry rejects self-feedback). */
    public TxResult giveFeedback(
            TransactionSender reviewer,
            BigInteger agentId,
            BigInteger value,
            int valueDecimals,
            String tag1,
            String tag2,
            String feedbackUri,
            String feedbackHash) {
        String data = reputationReader
                .giveFeedback(
                        agentId,
                        value,
                        BigInteger.valueOf(valueDecimals),
                        tag1,
                        tag2,
                        "",
                        feedbackUri,
                        Hex.decode(feedbackHash))
                .encodeFunctionCall();
        return send(reviewer, reputationRegistry, data, "giveFeedback");
    }

    /**
     * The transaction in which {@code reviewer} gave {@code agentId} feedback anchoring {@code feedbackHash}, searched
     * in [fromBlock, head].
     */
    public Optional<String> findFeedback(BigInteger agentId, String reviewer, String feedbackHash, long fromBlock) {
        long head = client.blockNumber();
        if (head < fromBlock) {
            return Optional.empty();
        }
        String topic0 = EventEncoder.encode(ReputationRegistry.NEWFEEDBACK_EVENT);
        LogFilter filter = new LogFilter(
                fromBlock,
                head,
                List.of(reputationRegistry),
                List.of(
                        List.of(topic0),
                        List.of(Numeric.toHexStringWithPrefixZeroPadded(agentId, 64)),
                        List.of(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(reviewer), 64))));
        for (LogEntry log : client.getLogs(filter)) {
            if (FeedbackEvents.feedbackHash(log.data()).equalsIgnoreCase(feedbackHash)) {
                return Optional.of(log.transactionHash());
            }
        }
        return Optional.empty();
    }

    private TxResult send(TransactionSender sender, String to, String data, String what) {
        policy.checkCall(to, Hex.selector(data), BigInteger.ZERO);
        TxResult result = sender.send(TxRequest.call(to, data));
        if (!result.success()) {
            throw new IllegalStateException(what + " transaction " + result.hash() + " reverted"
                    + result.revertReason().map(r -> ": " + r).orElse(""));
        }
        return result;
    }
}
