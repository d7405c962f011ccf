package io.chaoschain.reputation.attestation;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;

/**
 * A signed EAS off-chain attestation: the signed {@code Attest} message fields, its off-chain UID, the signature, the
 * claimed signer and the EIP-712 domain. Holding one proves nothing by itself: check it with
 * {@link AttestationVerifier}.
 */
public record OffchainAttestation(
        int version,
        String schema,
        String recipient,
        long time,
        long expirationTime,
        boolean revocable,
        String refUID,
        String data,
        String salt,
        String uid,
        EcdsaSignature signature,
        String signer,
        EasDomain domain) {

    /** Off-chain version 1: {@code Attest} gains a version field. */
    public static final int VERSION_1 = 1;
    /** Off-chain version 2, the latest the EAS SDK publishes: adds a salt to the message and the UID. */
    public static final int VERSION_2 = 2;

    public OffchainAttestation {
        if (version != VERSION_1 && version != VERSION_2) {
            throw new UserFacingException(
                    "error: version must be 1 or 2 (EAS off-chain attestation version), got " + version);
        }
        if (version == VERSION_2 && salt == null) {
            throw new UserFacingException("error: salt is required for off-chain version 2");
        }
        if (version == VERSION_1 && salt != null) {
            throw new UserFacingException("error: salt is not part of off-chain version 1; drop it or use version 2");
        }
        // The message fields share AttestationRequest's checks.
        new AttestationRequest(schema, recipient, time, expirationTime, revocable, refUID, data, salt);
        Fields.bytes32(uid, "uid");
        if (signature == null) {
            throw new UserFacingException("error: signature is missing");
        }
        Fields.address(signer, "signer");
        if (domain == null) {
            throw new UserFacingException("error: domain is missing");
        }
    }

    /** The signed message fields, without version, UID and signature. */
    public AttestationRequest request() {
        return new AttestationRequest(schema, recipient, time, expirationTime, revocable, refUID, data, salt);
    }
}
