package io.chaoschain.incentives.merkle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a distribution's entries from JSON: an array of {@code {"account": "0x…", "token": "0x…", "amount": "…"}},
 * the amount a cumulative decimal string. Every problem is one {@link UserFacingException} line that names the entry
 * ({@code entries[i]}) and the field.
 */
public final class RewardInput {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final Set<String> FIELDS = Set.of("account", "token", "amount");

    private RewardInput() {}

    /** Parses and checks the entries; {@code source} names the input in messages (a file name). */
    public static List<RewardEntry> parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new UserFacingException("error: " + source + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new UserFacingException(
                    "error: " + source + " must be a JSON array of {\"account\", \"token\", \"amount\"} entries");
        }
        if (root.isEmpty()) {
            throw new UserFacingException(
                    "error: " + source + " is an empty list; a distribution needs at least one entry");
        }
        List<RewardEntry> entries = new ArrayList<>(root.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            String name = "entries[" + i + "]";
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new UserFacingException("error: " + name + " must be an object with account, token and amount");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!FIELDS.contains(field)) {
                    throw new UserFacingException("error: " + name + " has unknown field '" + field
                            + "'; an entry has only account, token and amount");
                }
            }
            String account = address(node, "account", name);
            String token = address(node, "token", name);
            BigInteger amount = amount(node, name);
            Integer previous = seen.putIfAbsent(account + token, i);
            if (previous != null) {
                throw new UserFacingException("error: " + name + " repeats account " + account + " and token " + token
                        + " of entries[" + previous + "]; give one cumulative amount per (account, token)");
            }
            entries.add(new RewardEntry(account, token, amount));
        }
        return entries;
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new UserFacingException("error: " + name + " has no " + field);
        }
        if (!value.isTextual()) {
            throw new UserFacingException("error: " + name + "." + field + " must be a JSON string, got " + value);
        }
        return value.textValue();
    }

    private static String address(JsonNode node, String field, String name) {
        String value = text(node, field, name);
        if (!ADDRESS.matcher(value).matches()) {
            throw new UserFacingException(
                    "error: " + name + "." + field + " must be a 0x-prefixed 20-byte hex address, got '" + value + "'");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    private static BigInteger amount(JsonNode node, String name) {
        String value = text(node, "amount", name);
        if (value.startsWith("-")) {
            throw new UserFacingException("error: " + name + ".amount must not be negative, got '" + value + "'");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new UserFacingException("error: " + name
                    + ".amount must be a whole number in decimal digits (base units, e.g. wei), got '" + value + "'");
        }
        BigInteger amount = new BigInteger(value);
        if (amount.compareTo(UINT256_LIMIT) >= 0) {
            throw new UserFacingException(
                    "error: " + name + ".amount is larger than a uint256 (2^256 - 1), got '" + value + "'");
        }
        return amount;
    }
}
