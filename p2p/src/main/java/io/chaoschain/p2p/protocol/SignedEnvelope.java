package io.chaoschain.p2p.protocol;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The versioned wrapper every ChaosChain gossip message travels in, signed by the publishing agent's Ethereum key over
 * an EIP-712 digest, so any node can attribute a message to an agent address regardless of which peer relayed it.
 *
 * <p>EIP-712 domain {@code EIP712Domain(string name,string version)} = ("ChaosChain", "1"); struct
 * {@code Envelope(uint32 version,string kind,bytes32 payloadHash,address agent,uint64 timestamp,uint64 nonce)} with
 * {@code payloadHash = keccak256(payload)}. Wire fields: version=1, kind=2, payload=3, agent=4 (20 bytes),
 * timestamp=5 (ms), nonce=6, signature=7 (r||s||v, 65 bytes).
 */
public record SignedEnvelope(
        int version, String kind, byte[] payload, String agent, long timestampMillis, long nonce, byte[] signature) {
    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD = 16 * 1024;
    private static final byte[] DOMAIN_TYPE = keccak("EIP712Domain(string name,string version)");
    private static final byte[] ENVELOPE_TYPE = keccak(
            "Envelope(uint32 version,string kind,bytes32 payloadHash,address agent,uint64 timestamp,uint64 nonce)");
    private static final byte[] DOMAIN_SEPARATOR = Hash.sha3(concat(DOMAIN_TYPE, keccak("ChaosChain"), keccak("1")));

    /** Builds and signs an envelope for {@code message}. */
    public static SignedEnvelope sign(ChaosMessage message, ECKeyPair agentKey, long timestampMillis, long nonce) {
        byte[] payload = message.encode();
        String agent = "0x" + Keys.getAddress(agentKey.getPublicKey());
        SignedEnvelope unsigned =
                new SignedEnvelope(VERSION, message.kind(), payload, agent, timestampMillis, nonce, null);
        Sign.SignatureData sig = Sign.signMessage(unsigned.digest(), agentKey, false);
        byte[] rsv = concat(sig.getR(), sig.getS(), sig.getV());
        return new SignedEnvelope(VERSION, message.kind(), payload, agent, timestampMillis, nonce, rsv);
    }

    /** The EIP-712 digest the agent signs: keccak256(0x1901 || domainSeparator || hashStruct(envelope)). */
    public byte[] digest() {
        byte[] struct = Hash.sha3(concat(
                ENVELOPE_TYPE,
                uint(version),
                keccak(kind),
                Hash.sha3(payload),
                Numeric.toBytesPadded(Numeric.toBigInt(agent), 32),
                uint(timestampMillis),
                uint(nonce)));
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, DOMAIN_SEPARATOR, struct));
    }

    /** The address that produced the signature, if it is a well-formed secp256k1 signature. */
    public Optional<String> recoverSigner() {
        if (signature == null || signature.length != 65) {
            return Optional.empty();
        }
        try {
            Sign.SignatureData sd = new Sign.SignatureData(
                    signature[64], Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
            BigInteger pub = Sign.signedMessageHashToKey(digest(), sd);
            return Optional.of("0x" + Keys.getAddress(pub));
        } catch (java.security.SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the signature recovers to the claimed agent address. */
    public boolean signatureValid() {
        return recoverSigner().map(a -> a.equalsIgnoreCase(agent)).orElse(false);
    }

    public ChaosMessage message() {
        return ChaosMessage.decode(kind, payload);
    }

    public byte[] encode() {
        return new ProtoWriter()
                .varint(1, version)
                .string(2, kind)
                .bytes(3, payload)
                .bytes(4, Numeric.hexStringToByteArray(agent))
                .varint(5, timestampMillis)
                .varint(6, nonce)
                .bytes(7, signature)
                .toByteArray();
    }

    public static SignedEnvelope decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        int version = 0;
        String kind = null;
        byte[] payload = null;
        byte[] agent = null;
        long ts = 0;
        long nonce = 0;
        byte[] sig = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> version = (int) r.varint();
                case 2 -> kind = r.string();
                case 3 -> payload = r.bytes();
                case 4 -> agent = r.bytes();
                case 5 -> ts = r.varint();
                case 6 -> nonce = r.varint();
                case 7 -> sig = r.bytes();
                default -> r.skip();
            }
        }
        if (kind == null || payload == null || agent == null || sig == null) {
            throw new MalformedMessageException("envelope lacks kind, payload, agent or signature");
        }
        if (agent.length != 20) {
            throw new MalformedMessageException("envelope agent must be a 20-byte address");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new MalformedMessageException("envelope payload larger than " + MAX_PAYLOAD + " bytes");
        }
        return new SignedEnvelope(
                version, kind, payload, Numeric.toHexString(agent).toLowerCase(Locale.ROOT), ts, nonce, sig);
    }

    private static byte[] keccak(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] uint(long v) {
        return Numeric.toBytesPadded(new BigInteger(Long.toUnsignedString(v)), 32);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
