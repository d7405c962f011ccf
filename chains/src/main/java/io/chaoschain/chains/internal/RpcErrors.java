package io.chaoschain.chains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.protocol.ObjectMapperFactory;

/** Helpers for JSON-RPC error objects as web3j exposes them. */
public final class RpcErrors {
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

    private RpcErrors() {}

    /**
     * The hex payload of an error's data member, which web3j keeps as raw JSON: a quoted hex string (geth, Anvil) or
     * an object nesting one under {@code data} (some other nodes). Null when there is none.
     */
    public static String data(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("null")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(raw);
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isObject() && node.path("data").isTextual()) {
                return node.path("data").asText();
            }
            return raw;
        } catch (JsonProcessingException e) {
            return raw;
        }
    }
}
