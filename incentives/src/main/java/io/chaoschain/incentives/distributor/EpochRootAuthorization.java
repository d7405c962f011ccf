package io.chaoschain.incentives.distributor;

import io.chaoschain.chains.keys.TypedData;
import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;
import io.chaoschain.core.Json;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * The EIP-712 message by which the distributor's publisher signs an epoch's root and the hash of the epoch's report
 * ({@code RewardDistributor.proposeRootWithSignature}). The domain {@code {name: "ChaosChain RewardDistributor",
 * version: "1", chainId, verifyingContract: distributor}} ties the signature to one chain and one contract, so it can
 * never be replayed elsewhere; the primary type is {@code EpochRoot(uint256 epoch,bytes32 root,bytes32 reportHash)}.
 */
public record EpochRootAuthorization(
        long chainId, String distributor, BigInteger epoch, String root, String reportHash) {
    public static final String DOMAIN_NAME = "ChaosChain RewardDistributor";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "EpochRoot";

    public EpochRootAuthorization {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        distributor = Hex.address(distributor, "distributor");
        Fields.uint256(epoch, "epoch");
        root = Fields.hash32(root, "root");
        reportHash = Fields.hash32(reportHash, "reportHash");
    }

    /** The message as EIP-712 typed data JSON, the form wallets ({@code eth_signTypedData_v4}) accept. */
    public String typedDataJson() {
        Map<String, Object> types = new LinkedHashMap<>();
        types.put(
                "EIP712Domain",
                List.of(
                        TypedData.field("name", "string"),
                        TypedData.field("version", "string"),
                        TypedData.field("chainId", "uint256"),
                        TypedData.field("verifyingContract", "address")));
        types.put(
                PRIMARY_TYPE,
                List.of(
                        TypedData.field("epoch", "uint256"),
                        TypedData.field("root", "bytes32"),
                        TypedData.field("reportHash", "bytes32")));
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", DOMAIN_NAME);
        domain.put("version", DOMAIN_VERSION);
        domain.put("chainId", chainId);
        domain.put("verifyingContract", distributor);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("epoch", epoch.toString());
        message.put("root", root);
        message.put("reportHash", reportHash);
        Map<String, Object> typedData = new LinkedHashMap<>();
        typedData.put("types", types);
        typedData.put("primaryType", PRIMARY_TYPE);
        typedData.put("domain", domain);
        typedData.put("message", message);
        return Json.write(typedData);
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)), what the contract's epochRootDigest returns. */
    public byte[] digest() {
        return TypedData.digest(typedDataJson());
    }

    /** The 65-byte signature r ‖ s ‖ v of the digest with {@code signer}'s key. */
    public byte[] signWith(Credentials signer) {
        return TypedData.sign(digest(), signer);
    }
}
