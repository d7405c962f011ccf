package io.chaoschain.reputation.attestation;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;

/** A secp256k1 signature split as the EAS SDK stores it: recovery byte {@code v} (27 or 28) and 32-byte r, s. */
public record EcdsaSignature(int v, String r, String s) {

    public EcdsaSignature {
        if (v < 0 || v > 255) {
            throw new UserFacingException("error: signature.v must be a byte (27 or 28), got " + v);
        }
        Fields.bytes32(r, "signature.r");
        Fields.bytes32(s, "signature.s");
    }
}
