package io.chaoschain.node.reputation;

import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.core.Hex;
import io.chaoschain.reputation.service.FeedbackRevoked;
import io.chaoschain.reputation.service.NewFeedback;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Decodes the ERC-8004 reputation registry's {@code NewFeedback} and {@code FeedbackRevoked} logs, once, into the
 * records the reputation service and its repository take as they are.
 */
public final class FeedbackEvents {
    public static final String NEW_FEEDBACK_TOPIC = EventEncoder.encode(ReputationRegistry.NEWFEEDBACK_EVENT);
    public static final String FEEDBACK_REVOKED_TOPIC = EventEncoder.encode(ReputationRegistry.FEEDBACKREVOKED_EVENT);

    private FeedbackEvents() {}

    @SuppressWarnings("rawtypes") // web3j's ABI API is written against the raw Type
    public static NewFeedback decodeFeedback(long chainId, LogEntry log, Instant blockTime) {
        List<Type> values = FunctionReturnDecoder.decode(
                log.data(), ReputationRegistry.NEWFEEDBACK_EVENT.getNonIndexedParameters());
        return new NewFeedback(
                chainId,
                log.transactionHash(),
                log.logIndex(),
                Numeric.toBigInt(log.topics().get(1)),
                address(log.topics().get(2)),
                ((BigInteger) values.get(0).getValue()).longValueExact(),
                (BigInteger) values.get(1).getValue(),
                ((BigInteger) values.get(2).getValue()).intValueExact(),
                (String) values.get(3).getValue(),
                (String) values.get(4).getValue(),
                Hex.encode((byte[]) values.get(7).getValue()),
                blockTime);
    }

    /** The {@code feedbackHash} in the ABI-encoded data of a {@code NewFeedback} log. */
    @SuppressWarnings("rawtypes")
    public static String feedbackHash(String data) {
        List<Type> values =
                FunctionReturnDecoder.decode(data, ReputationRegistry.NEWFEEDBACK_EVENT.getNonIndexedParameters());
        return Hex.encode((byte[]) values.get(7).getValue());
    }

    public static FeedbackRevoked decodeRevocation(long chainId, LogEntry log, Instant blockTime) {
        return new FeedbackRevoked(
                chainId,
                log.transactionHash(),
                log.logIndex(),
                Numeric.toBigInt(log.topics().get(1)),
                address(log.topics().get(2)),
                Numeric.toBigInt(log.topics().get(3)).longValueExact(),
                blockTime);
    }

    private static String address(String topic) {
        return ("0x" + topic.substring(topic.length() - 40)).toLowerCase(Locale.ROOT);
    }
}
