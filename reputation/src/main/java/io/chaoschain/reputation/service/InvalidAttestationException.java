package io.chaoschain.reputation.service;

import io.chaoschain.core.UserFacingException;

/** An attestation was refused: bad format, bad signature, untrusted signer or not a contribution. */
public final class InvalidAttestationException extends UserFacingException {
    public InvalidAttestationException(String message) {
        super(message);
    }

    public InvalidAttestationException(String message, Throwable cause) {
        super(message, 1, cause);
    }
}
