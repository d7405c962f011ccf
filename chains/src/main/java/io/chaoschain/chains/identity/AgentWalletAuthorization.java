package io.chaoschain.chains.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.keys.TypedData;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * The EIP-712 message by which a wallet agrees to become an agent's verified wallet in an ERC-8004 identity registry
 * ({@code AgentRegistry.setAgentWallet}). The new wallet signs it: an EOA with its own key, a contract wallet with
 * whatever key its ERC-1271 {@code isValidSignature} accepts.
 *
 * <p>Domain {@code {name: "ERC8004IdentityRegistry", version: "1", chainId, verifyingContract: registry}}, primary type
 * {@code AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)}, where {@code owner} is the
 * agent token's current owner and {@code deadline} a unix time at most five minutes after the block that checks it.
 */
public record AgentWalletAuthorization(
        long chainId, String registry, BigInteger agentId, String newWallet, String owner, BigInteger deadline) {

    public static final String DOMAIN_NAME = "ERC8004IdentityRegistry";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "AgentWalletSet";

    private static final ObjectMapper JSON = new ObjectMapper();

    public AgentWalletAuthorization {
        registry = Hex.address(registry, "registry");
        newWallet = Hex.address(newWallet, "newWallet");
        owner = Hex.address(owner, "owner");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        if (agentId == null || agentId.signum() < 0) {
            throw new IllegalArgumentException("agentId must be a non-negative integer, got " + agentId);
        }
        if (deadline == null || deadline.signum() < 0) {
            throw new IllegalArgumentException("deadline must be a non-negative unix time, got " + deadline);
        }
    }

    /** The message as EIP-712 typed data JSON, the form wallets ({@code eth_signTypedData_v4}) accept. */
    public String typedDataJson() {
        Map<String, Object> types = new LinkedHashMap<>();
        types.put(
                "EIP712Domain",
                List.of(
                        TypedData.field("name", "string"), TypedData.field("version", "string"),
                        TypedData.field("chainId", "uint256"), TypedData.field("verifyingContract", "address")));
        types.put(
                PRIMARY_TYPE,
                List.of(
                        TypedData.field("agentId", "uint256"), TypedData.field("newWallet", "address"),
                        TypedData.field("owner", "address"), TypedData.field("deadline", "uint256")));
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", DOMAIN_NAME);
        domain.put("version", DOMAIN_VERSION);
        domain.put("chainId", chainId);
        domain.put("verifyingContract", registry);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("agentId", agentId.toString());
        message.put("newWallet", newWallet);
        message.put("owner", owner);
        message.put("deadline", deadline.toString());
        Map<String, Object> typedData = new LinkedHashMap<>();
        typedData.put("types", types);
        typedData.put("primaryType", PRIMARY_TYPE);
        typedData.put("domain", domain);
        typedData.put("message", message);
        try {
            return JSON.writeValueAsString(typedData);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("typed data did not serialise", e);
        }
    }

    /** The 32-byte EIP-712 digest: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)). */
    public byte[] digest() {
        return TypedData.digest(typedDataJson());
    }

    /** Signs the digest; returns the 65-byte signature r ‖ s ‖ v (v = 27 or 28) the registry expects. */
    public byte[] signWith(Credentials signer) {
        return TypedData.sign(digest(), signer);
    }
}
