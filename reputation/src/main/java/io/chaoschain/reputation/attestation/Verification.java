package io.chaoschain.reputation.attestation;

/** The outcome of checking an off-chain attestation. */
public sealed interface Verification {

    boolean valid();

    /** The attestation is intact, signed by {@code signer} and not expired. */
    record Valid(String signer) implements Verification {
        @Override
        public boolean valid() {
            return true;
        }
    }

    /** The attestation must not be trusted, for {@code reason}; {@code detail} says what differed. */
    record Invalid(Reason reason, String detail) implements Verification {
        @Override
        public boolean valid() {
            return false;
        }
    }

    /** Why an attestation was rejected. */
    enum Reason {
        /** The domain is not an EAS attestation domain, or not the one the verifier was told to expect. */
        WRONG_DOMAIN,
        /** The UID does not match the one recomputed from the message: some field was changed after signing. */
        UID_MISMATCH,
        /** The signature is malformed (bad v, non-canonical s) or recovers no key. */
        MALFORMED_SIGNATURE,
        /** The signature is valid but was made by another key than the claimed signer, or over other contents. */
        SIGNER_MISMATCH,
        /** The expiration time has passed. */
        EXPIRED
    }
}
