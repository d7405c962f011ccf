package io.chaoschain.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalAction;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a draft proposal file:
 * <pre>
 * {"chainId": 1, "governor": "0x…" (optional), "executor": "0x…" (required without a governor),
 *  "description": "…", "actions": [{"target": "0x…", "value": "0", "calldata": "0x…"}]}
 * </pre>
 * Errors name the file and the field.
 */
public final class DraftFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DraftFile() {}

    public static ProposalSource.Draft read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserFacingException("--draft: cannot read " + file + " (" + e.getMessage() + ")", 2, e);
        }
        return parse(text, file.toString());
    }

    /** Parses draft JSON; {@code where} names the source in error messages. */
    public static ProposalSource.Draft parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw bad(
                    where,
                    "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw bad(where, "expected a JSON object with chainId, executor or governor, description and actions");
        }
        long chainId = 0;
        if (root.has("chainId")) {
            JsonNode c = root.get("chainId");
            if (!c.canConvertToLong() || c.asLong() <= 0) {
                throw bad(where, "chainId must be a positive integer, got " + c);
            }
            chainId = c.asLong();
        }
        String governor = address(root, "governor", where);
        String executor = address(root, "executor", where);
        if (governor == null && executor == null) {
            throw bad(
                    where,
                    "executor is required when there is no governor (the address that executes the actions, "
                            + "e.g. the timelock)");
        }
        JsonNode actions = root.path("actions");
        if (!actions.isArray() || actions.isEmpty()) {
            throw bad(where, "actions must be a non-empty list of {target, value, calldata}");
        }
        List<ProposalAction> list = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = actions.get(i);
            String field = "actions[" + i + "]";
            String target = address(a, "target", where + ": " + field);
            if (target == null) {
                throw bad(where, field + ".target is required");
            }
            BigInteger value;
            JsonNode v = a.path("value");
            try {
                value = v.isMissingNode() || v.isNull()
                        ? BigInteger.ZERO
                        : v.isNumber()
                                ? v.bigIntegerValue()
                                : new BigInteger(
                                        v.asText().trim().startsWith("0x")
                                                ? v.asText().trim().substring(2)
                                                : v.asText().trim(),
                                        v.asText().trim().startsWith("0x") ? 16 : 10);
            } catch (NumberFormatException e) {
                throw bad(where, field + ".value must be a wei amount (decimal string), got " + v);
            }
            if (value.signum() < 0) {
                throw bad(where, field + ".value must not be negative");
            }
            String calldata = a.path("calldata").asText("0x");
            if (!calldata.matches("0x([0-9a-fA-F]{2})*")) {
                throw bad(where, field + ".calldata must be 0x-prefixed hex bytes, got '" + calldata + "'");
            }
            list.add(new ProposalAction(
                    target, value, calldata, a.path("signature").asText("")));
        }
        return new ProposalSource.Draft(
                chainId, governor, executor, root.path("description").asText(""), list);
    }

    private static String address(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        if (!s.matches("0x[0-9a-fA-F]{40}")) {
            throw bad(where, field + " must be a 0x-prefixed 20-byte address, got '" + s + "'");
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    private static UserFacingException bad(String where, String what) {
        return new UserFacingException("--draft: " + where + ": " + what, 2, null);
    }
}
