package io.chaoschain.reputation.service;

import io.chaoschain.core.Hex;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.attestation.SchemaId;
import io.chaoschain.reputation.attestation.Verification;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * Signs contribution records as EAS off-chain attestations and keeps them: first as a file in the
 * {@link AttestationArchive}, then in the {@link ReputationSink}. Attestations are deterministic: the time is a block
 * timestamp chosen by the caller, the salt is derived from the content, and the signature is RFC 6979, so attesting
 * the same event again (after a crash, on a replay) yields the same UID and is stored once.
 */
public final class ContributionRecorder {
    /** Attestations of this node are revocable and use no resolver. */
    public static final SchemaId SCHEMA =
            ContributionRecord.schemaId("0x0000000000000000000000000000000000000000", true);

    private static final byte[] SALT_DOMAIN = "chaoschain.contribution.salt.v1".getBytes(StandardCharsets.UTF_8);

    private final AttestationArchive archive;
    private final ReputationSink sink;
    private final AttestationVerifier verifier;

    public ContributionRecorder(AttestationArchive archive, ReputationSink sink, TimeProvider clock) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.verifier = new AttestationVerifier(clock);
    }

    public AttestationArchive archive() {
        return archive;
    }

    /**
     * Attests {@code record} about {@code recipient} at block time {@code time} (epoch seconds) with {@code signer},
     * stores it (file, then sink) and returns it. Recording the same contribution again returns the same attestation.
     */
    public OffchainAttestation record(
            AttestationSigner signer, ContributionRecord record, String recipient, long time) {
        OffchainAttestation a =
                signer.sign(record.toRequest(SCHEMA, recipient, time).withSalt(salt(record, recipient, time)));
        // a signature that does not verify must never leave the node (wrong key material, a codec bug)
        Verification v = verifier.verify(a, signer.domain());
        if (!v.valid()) {
            throw new IllegalStateException("freshly signed attestation does not verify: " + v);
        }
        archive.write(a);
        sink.record(a);
        return a;
    }

    /** keccak256(domain ‖ data ‖ recipient ‖ time): a salt derived from the content, so every replay gives the same UID. */
    static String salt(ContributionRecord record, String recipient, long time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SALT_DOMAIN);
        out.writeBytes(Hex.decode(record.encode()));
        out.writeBytes(Hex.decode(recipient));
        out.writeBytes(ByteBuffer.allocate(8).putLong(time).array());
        return Hex.encode(Hash.sha3(out.toByteArray()));
    }
}
