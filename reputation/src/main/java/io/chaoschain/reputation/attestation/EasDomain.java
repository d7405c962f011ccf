package io.chaoschain.reputation.attestation;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.Fields;
import java.math.BigInteger;

/**
 * The EIP-712 domain of an EAS off-chain attestation: name "EAS Attestation", the EAS contract's version string, the
 * chain id and the EAS contract address as verifying contract.
 */
public record EasDomain(String name, String version, BigInteger chainId, String verifyingContract) {

    /** The domain name every EAS off-chain attestation is signed under. */
    public static final String NAME = "EAS Attestation";

    public EasDomain {
        if (name == null || name.isEmpty()) {
            throw new UserFacingException("error: domain.name must not be empty");
        }
        if (version == null || version.isEmpty()) {
            throw new UserFacingException(
                    "error: domain.version must not be empty (the EAS contract version, e.g. 1.3.0)");
        }
        if (chainId == null || chainId.signum() < 0) {
            throw new UserFacingException("error: domain.chainId must be a non-negative integer, got " + chainId);
        }
        Fields.address(verifyingContract, "domain.verifyingContract");
    }

    /** The domain for an EAS deployment of {@code easVersion} at {@code easAddress} on chain {@code chainId}. */
    public static EasDomain of(String easVersion, long chainId, String easAddress) {
        return new EasDomain(NAME, easVersion, BigInteger.valueOf(chainId), easAddress);
    }
}
