package io.chaoschain.reputation.attestation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import io.chaoschain.reputation.attestation.internal.AttestTypedData.Member;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the EAS SDK's shareable off-chain package,
 * {@code {"sig": {"version", "domain", "primaryType": "Attest", "types", "signature": {v, r, s}, "uid", "message"},
 * "signer"}}. Hex strings pass through unchanged so that a read attestation verifies exactly as it was signed.
 * Integers are written as JSON numbers and read from numbers, decimal strings or ethers v5 {@code {"hex": ...}}
 * objects.
 */
public final class AttestationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AttestationJson() {}

    public static String write(OffchainAttestation a) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode sig = root.putObject("sig");
        sig.put("version", a.version());
        ObjectNode domain = sig.putObject("domain");
        domain.put("name", a.domain().name());
        domain.put("version", a.domain().version());
        domain.put("chainId", a.domain().chainId());
        domain.put("verifyingContract", a.domain().verifyingContract());
        sig.put("primaryType", AttestTypedData.PRIMARY_TYPE);
        ArrayNode attest = sig.putObject("types").putArray(AttestTypedData.PRIMARY_TYPE);
        for (Member m : AttestTypedData.members(a.version())) {
            attest.addObject().put("name", m.name()).put("type", m.type());
        }
        ObjectNode signature = sig.putObject("signature");
        signature.put("v", a.signature().v());
        signature.put("r", a.signature().r());
        signature.put("s", a.signature().s());
        sig.put("uid", a.uid());
        ObjectNode message = sig.putObject("message");
        message.put("version", a.version());
        message.put("schema", a.schema());
        message.put("recipient", a.recipient());
        message.put("time", a.time());
        message.put("expirationTime", a.expirationTime());
        message.put("revocable", a.revocable());
        message.put("refUID", a.refUID());
        message.put("data", a.data());
        if (a.salt() != null) {
            message.put("salt", a.salt());
        }
        root.put("signer", a.signer());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** Parses a package; throws a {@link UserFacingException} naming the first missing or malformed field. */
    public static OffchainAttestation read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UserFacingException("error: attestation is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserFacingException("error: attestation must be a JSON object with 'sig' and 'signer'");
        }
        JsonNode sig = object(root, "sig", "sig");
        JsonNode message = object(sig, "message", "sig.message");
        int version = message.has("version") ? smallInt(message, "version", "sig.message") : 0;
        if (version != OffchainAttestation.VERSION_1 && version != OffchainAttestation.VERSION_2) {
            throw new UserFacingException(
                    "error: sig.message.version must be 1 or 2 (legacy off-chain attestations are not supported), got "
                            + version);
        }
        checkTypes(sig, version);
        JsonNode domainNode = object(sig, "domain", "sig.domain");
        EasDomain domain = new EasDomain(
                text(domainNode, "name", "sig.domain"),
                text(domainNode, "version", "sig.domain"),
                integer(domainNode, "chainId", "sig.domain"),
                text(domainNode, "verifyingContract", "sig.domain"));
        JsonNode signatureNode = object(sig, "signature", "sig.signature");
        EcdsaSignature signature = new EcdsaSignature(
                smallInt(signatureNode, "v", "sig.signature"),
                text(signatureNode, "r", "sig.signature"),
                text(signatureNode, "s", "sig.signature"));
        JsonNode revocable = message.get("revocable");
        if (revocable == null || !revocable.isBoolean()) {
            throw new UserFacingException("error: sig.message.revocable must be true or false");
        }
        return new OffchainAttestation(
                version,
                text(message, "schema", "sig.message"),
                text(message, "recipient", "sig.message"),
                uint64(message, "time"),
                uint64(message, "expirationTime"),
                revocable.booleanValue(),
                text(message, "refUID", "sig.message"),
                text(message, "data", "sig.message"),
                version == OffchainAttestation.VERSION_2 ? text(message, "salt", "sig.message") : null,
                text(sig, "uid", "sig"),
                signature,
                text(root, "signer", ""),
                domain);
    }

    private static void checkTypes(JsonNode sig, int version) {
        String primaryType = text(sig, "primaryType", "sig");
        if (!AttestTypedData.PRIMARY_TYPE.equals(primaryType)) {
            throw new UserFacingException("error: sig.primaryType must be 'Attest', got '" + primaryType + "'");
        }
        JsonNode types = object(sig, "types", "sig.types");
        for (Map.Entry<String, JsonNode> entry : types.properties()) {
            String name = entry.getKey();
            if (!name.equals(AttestTypedData.PRIMARY_TYPE) && !name.equals("EIP712Domain")) {
                throw new UserFacingException("error: sig.types has unexpected type '" + name + "'");
            }
        }
        JsonNode attest = types.get(AttestTypedData.PRIMARY_TYPE);
        List<Member> actual = new ArrayList<>();
        if (attest != null && attest.isArray()) {
            for (JsonNode m : attest) {
                actual.add(new Member(m.path("name").asText(), m.path("type").asText()));
            }
        }
        if (!actual.equals(AttestTypedData.members(version))) {
            throw new UserFacingException("error: sig.types.Attest must be " + AttestTypedData.typeString(version)
                    + " for off-chain version " + version);
        }
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new UserFacingException("error: " + path + " must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        String name = path.isEmpty() ? field : path + "." + field;
        if (node == null || !node.isTextual()) {
            throw new UserFacingException("error: " + name + " must be a string");
        }
        return node.textValue();
    }

    private static long uint64(JsonNode message, String field) {
        BigInteger value = integer(message, field, "sig.message");
        if (value.signum() < 0 || value.bitLength() > 63) {
            throw new UserFacingException("error: sig.message." + field + " is out of range: " + value);
        }
        return value.longValueExact();
    }

    private static int smallInt(JsonNode parent, String field, String path) {
        BigInteger value = integer(parent, field, path);
        if (value.signum() < 0 || value.bitLength() > 16) {
            throw new UserFacingException("error: " + path + "." + field + " is out of range: " + value);
        }
        return value.intValue();
    }

    private static BigInteger integer(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        String name = path + "." + field;
        try {
            if (node != null && node.isIntegralNumber()) {
                return node.bigIntegerValue();
            }
            if (node != null && node.isTextual()) {
                String s = node.textValue();
                return s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            }
            if (node != null && node.isObject() && node.path("hex").isTextual()) {
                return new BigInteger(node.path("hex").textValue().replaceFirst("^0x", ""), 16);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UserFacingException("error: " + name + " must be an integer (number or decimal string)");
    }
}
