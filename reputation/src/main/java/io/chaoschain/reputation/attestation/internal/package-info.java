/**
 * The reputation module's implementation detail behind attestations: the EIP-712 encoding of the EAS {@code Attest}
 * type with the off-chain UID, and hex shape checks that keep the signed text unchanged. Only the reputation module
 * may use it.
 */
package io.chaoschain.reputation.attestation.internal;
