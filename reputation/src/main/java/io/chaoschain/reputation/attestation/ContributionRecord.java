package io.chaoschain.reputation.attestation;

import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * One contribution of an agent, as attested under {@link #SCHEMA}: the ERC-8004 agent id, the chain it happened on, what
 * kind of contribution it was, the subject (proposal id, insight hash, ...), a signed fixed-point value with its
 * decimals, and the hash of the evidence (simulation report, receipt, ...).
 */
public record ContributionRecord(
        BigInteger agentId,
        String chain,
        ContributionKind kind,
        String subject,
        BigInteger value,
        int valueDecimals,
        String evidenceHash) {

    /** The EAS schema string; its field order is the ABI layout of {@link #encode()}. */
    public static final String SCHEMA =
            "uint256 agentId,string chain,string kind,bytes32 subject,int256 value,uint8 valueDecimals,bytes32 evidenceHash";

    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger INT256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger INT256_MIN = BigInteger.ONE.shiftLeft(255).negate();

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final List<TypeReference<Type>> LAYOUT = (List) List.of(
            new TypeReference<Uint256>() {},
            new TypeReference<Utf8String>() {},
            new TypeReference<Utf8String>() {},
            new TypeReference<Bytes32>() {},
            new TypeReference<Int256>() {},
            new TypeReference<Uint8>() {},
            new TypeReference<Bytes32>() {});

    public ContributionRecord {
        if (agentId == null || agentId.signum() < 0 || agentId.compareTo(UINT256_LIMIT) >= 0) {
            throw new UserFacingException("error: agentId must be a uint256, got " + agentId);
        }
        if (chain == null || chain.isBlank()) {
            throw new UserFacingException(
                    "error: chain must name the chain the contribution happened on (e.g. eip155:1)");
        }
        if (kind == null) {
            throw new UserFacingException("error: kind is missing");
        }
        subject = Fields.bytes32(subject, "subject").toLowerCase(Locale.ROOT);
        if (value == null || value.compareTo(INT256_MIN) < 0 || value.compareTo(INT256_MAX) > 0) {
            throw new UserFacingException("error: value must fit an int256, got " + value);
        }
        if (valueDecimals < 0 || valueDecimals > 255) {
            throw new UserFacingException("error: valueDecimals must be between 0 and 255, got " + valueDecimals);
        }
        evidenceHash = Fields.bytes32(evidenceHash, "evidenceHash").toLowerCase(Locale.ROOT);
    }

    /** The schema UID of {@link #SCHEMA} registered with {@code resolver} and {@code revocable}. */
    public static SchemaId schemaId(String resolver, boolean revocable) {
        return SchemaId.of(SCHEMA, resolver, revocable);
    }

    /** The ABI encoding of the fields in {@link #SCHEMA} order: the attestation's {@code data}. */
    @SuppressWarnings("rawtypes") // web3j's ABI API is written against the raw Type
    public String encode() {
        List<Type> params = List.of(
                new Uint256(agentId),
                new Utf8String(chain),
                new Utf8String(kind.code()),
                new Bytes32(Hex.decode(subject)),
                new Int256(value),
                new Uint8(valueDecimals),
                new Bytes32(Hex.decode(evidenceHash)));
        return "0x" + FunctionEncoder.encodeConstructor(params);
    }

    /** Decodes attestation {@code data} written by {@link #encode()}. */
    @SuppressWarnings("rawtypes") // web3j's ABI API is written against the raw Type
    public static ContributionRecord decode(String data) {
        Fields.data(data, "data");
        List<Type> values;
        try {
            values = FunctionReturnDecoder.decode(data, LAYOUT);
        } catch (RuntimeException e) {
            throw new UserFacingException("error: data is not an ABI-encoded contribution (" + SCHEMA + ")");
        }
        if (values.size() != LAYOUT.size()) {
            throw new UserFacingException("error: data is not an ABI-encoded contribution (" + SCHEMA + ")");
        }
        return new ContributionRecord(
                (BigInteger) values.get(0).getValue(),
                (String) values.get(1).getValue(),
                ContributionKind.fromCode((String) values.get(2).getValue()),
                Hex.encode((byte[]) values.get(3).getValue()),
                (BigInteger) values.get(4).getValue(),
                ((BigInteger) values.get(5).getValue()).intValueExact(),
                Hex.encode((byte[]) values.get(6).getValue()));
    }

    /** A request attesting this record under {@code schema} about {@code recipient} at {@code time} (epoch seconds). */
    public AttestationRequest toRequest(SchemaId schema, String recipient, long time) {
        return AttestationRequest.of(schema.value(), recipient, time, encode());
    }
}
