package io.chaoschain.reputation.attestation;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;

/**
 * What an attester signs: the EAS {@code Attest} message without its version. Hex strings are kept exactly as given,
 * because the off-chain UID hashes the schema's hex text, not its bytes.
 *
 * @param schema the schema UID (bytes32 hex)
 * @param recipient the address the attestation is about, or the zero address
 * @param time seconds since the epoch at which the attestation was made
 * @param expirationTime seconds since the epoch after which it is no longer valid; 0 for never
 * @param revocable whether the attester may revoke it
 * @param refUID the UID of a referenced attestation, or 32 zero bytes
 * @param data the ABI-encoded schema data (hex)
 * @param salt 32 bytes mixed into the UID so equal contents still get unpredictable UIDs; null for off-chain version 1,
 *     and a signer fills in a random one when null
 */
public record AttestationRequest(
        String schema,
        String recipient,
        long time,
        long expirationTime,
        boolean revocable,
        String refUID,
        String data,
        String salt) {

    public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    public static final String ZERO_BYTES32 = "0x" + "0".repeat(64);

    public AttestationRequest {
        Fields.bytes32(schema, "schema");
        Fields.address(recipient, "recipient");
        if (time < 0) {
            throw new UserFacingException("error: time must be seconds since the epoch (non-negative), got " + time);
        }
        if (expirationTime < 0) {
            throw new UserFacingException(
                    "error: expirationTime must be 0 (never) or seconds since the epoch, got " + expirationTime);
        }
        Fields.bytes32(refUID, "refUID");
        Fields.data(data, "data");
        if (salt != null) {
            Fields.bytes32(salt, "salt");
        }
    }

    /** A revocable, non-expiring attestation of {@code data} under {@code schema}, with no reference and a random salt. */
    public static AttestationRequest of(String schema, String recipient, long time, String data) {
        return new AttestationRequest(schema, recipient, time, 0, true, ZERO_BYTES32, data, null);
    }

    public AttestationRequest withSalt(String newSalt) {
        return new AttestationRequest(schema, recipient, time, expirationTime, revocable, refUID, data, newSalt);
    }

    public AttestationRequest withExpirationTime(long newExpirationTime) {
        return new AttestationRequest(schema, recipient, time, newExpirationTime, revocable, refUID, data, salt);
    }

    public AttestationRequest withRefUID(String newRefUID) {
        return new AttestationRequest(schema, recipient, time, expirationTime, revocable, newRefUID, data, salt);
    }

    public AttestationRequest withRevocable(boolean newRevocable) {
        return new AttestationRequest(schema, recipient, time, expirationTime, newRevocable, refUID, data, salt);
    }
}
