package io.chaoschain.reputation.attestation.internal;

import io.chaoschain.core.Hex;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The EIP-712 encoding of the EAS {@code Attest} type and the EAS SDK's off-chain UID (eas-sdk src/offchain/offchain.ts,
 * {@code OFFCHAIN_ATTESTATION_TYPES} and {@code Offchain.getOffchainUID}).
 */
public final class AttestTypedData {

    /** One member of the {@code Attest} struct, in declaration order. */
    public record Member(String name, String type) {}

    public static final String PRIMARY_TYPE = "Attest";
    public static final String DOMAIN_TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static final List<Member> V1 = List.of(
            new Member("version", "uint16"),
            new Member("schema", "bytes32"),
            new Member("recipient", "address"),
            new Member("time", "uint64"),
            new Member("expirationTime", "uint64"),
            new Member("revocable", "bool"),
            new Member("refUID", "bytes32"),
            new Member("data", "bytes"));
    private static final List<Member> V2 = List.copyOf(
            java.util.stream.Stream.concat(V1.stream(), java.util.stream.Stream.of(new Member("salt", "bytes32")))
                    .toList());

    private AttestTypedData() {}

    /** The {@code Attest} members for an off-chain version (1 or 2). */
    public static List<Member> members(int version) {
        return switch (version) {
            case OffchainAttestation.VERSION_1 -> V1;
            case OffchainAttestation.VERSION_2 -> V2;
            default -> throw new IllegalArgumentException("unsupported off-chain version " + version);
        };
    }

    /** {@code Attest(uint16 version,...)}: the type string whose hash is the struct's type hash. */
    public static String typeString(int version) {
        StringBuilder sb = new StringBuilder(PRIMARY_TYPE).append('(');
        List<Member> members = members(version);
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(members.get(i).type()).append(' ').append(members.get(i).name());
        }
        return sb.append(')').toString();
    }

    public static byte[] domainSeparator(EasDomain domain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        out.writeBytes(keccak(DOMAIN_TYPE));
        out.writeBytes(keccak(domain.name()));
        out.writeBytes(keccak(domain.version()));
        out.writeBytes(word(domain.chainId()));
        out.writeBytes(leftPad(Hex.decode(domain.verifyingContract())));
        return Hash.sha3(out.toByteArray());
    }

    public static byte[] structHash(int version, AttestationRequest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        out.writeBytes(keccak(typeString(version)));
        out.writeBytes(word(BigInteger.valueOf(version)));
        out.writeBytes(Hex.decode(m.schema()));
        out.writeBytes(leftPad(Hex.decode(m.recipient())));
        out.writeBytes(word(BigInteger.valueOf(m.time())));
        out.writeBytes(word(BigInteger.valueOf(m.expirationTime())));
        out.writeBytes(word(m.revocable() ? BigInteger.ONE : BigInteger.ZERO));
        out.writeBytes(Hex.decode(m.refUID()));
        out.writeBytes(Hash.sha3(Hex.decode(m.data())));
        if (version == OffchainAttestation.VERSION_2) {
            out.writeBytes(Hex.decode(m.salt()));
        }
        return Hash.sha3(out.toByteArray());
    }

    /** keccak256("\x19\x01" ‖ domainSeparator ‖ structHash): the 32 bytes the attester signs. */
    public static byte[] digest(EasDomain domain, int version, AttestationRequest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(66);
        out.write(0x19);
        out.write(0x01);
        out.writeBytes(domainSeparator(domain));
        out.writeBytes(structHash(version, m));
        return Hash.sha3(out.toByteArray());
    }

    /**
     * The off-chain UID: keccak256 of the packed version (uint16, from version 1 on), the schema UID's hex text as
     * UTF-8 bytes (the SDK passes {@code hexlify(toUtf8Bytes(schema))}), recipient, the zero attester address, time and
     * expirationTime (uint64), revocable, refUID, data, salt (version 2) and a uint32 zero.
     */
    public static byte[] uid(int version, AttestationRequest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write((version >>> 8) & 0xff);
        out.write(version & 0xff);
        out.writeBytes(m.schema().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Hex.decode(m.recipient()));
        out.writeBytes(new byte[20]);
        out.writeBytes(ByteBuffer.allocate(8).putLong(m.time()).array());
        out.writeBytes(ByteBuffer.allocate(8).putLong(m.expirationTime()).array());
        out.write(m.revocable() ? 1 : 0);
        out.writeBytes(Hex.decode(m.refUID()));
        out.writeBytes(Hex.decode(m.data()));
        if (version == OffchainAttestation.VERSION_2) {
            out.writeBytes(Hex.decode(m.salt()));
        }
        out.writeBytes(new byte[4]);
        return Hash.sha3(out.toByteArray());
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] leftPad(byte[] bytes) {
        byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }
}
