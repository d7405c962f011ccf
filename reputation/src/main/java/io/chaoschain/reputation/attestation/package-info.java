/**
 * Signed contribution records in the Ethereum Attestation Service (EAS) off-chain attestation format.
 *
 * <p>An {@link io.chaoschain.reputation.attestation.OffchainAttestation} is an EIP-712 signature over the EAS
 * {@code Attest} type (off-chain version 2, with salt) plus the off-chain UID the EAS SDK derives from the same fields.
 * Anyone holding the JSON ({@link io.chaoschain.reputation.attestation.AttestationJson}) can check it with
 * {@link io.chaoschain.reputation.attestation.AttestationVerifier}; the EAS SDK and easscan accept the same package.
 */
package io.chaoschain.reputation.attestation;
