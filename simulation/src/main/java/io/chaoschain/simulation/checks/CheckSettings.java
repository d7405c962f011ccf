package io.chaoschain.simulation.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Thresholds and allowlists for the safety checks, read from a JSON or YAML file ({@code --checks-config}):
 * <pre>
 * allowlist:
 *   daoControlled: ["0x…"]            # addresses the DAO controls besides the executor and governor
 *   delegatecallCodeHashes: ["0x…"]   # keccak256 of runtime code trusted to be delegatecalled
 * checks:
 *   eth-balance-changes:
 *     failAboveWei: "1000000000000000000"
 *   no-delegatecall:
 *     enabled: false
 * </pre>
 * Unknown check ids are kept (a check from another module may read them); unknown top-level keys are an error.
 */
public final class CheckSettings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Set<String> daoControlled;
    private final Set<String> codeHashes;
    private final ObjectNode checks;

    private CheckSettings(Set<String> daoControlled, Set<String> codeHashes, ObjectNode checks) {
        this.daoControlled = Set.copyOf(daoControlled);
        this.codeHashes = Set.copyOf(codeHashes);
        this.checks = checks;
    }

    /** No allowlists, every check enabled with its default thresholds. */
    public static CheckSettings defaults() {
        return new CheckSettings(Set.of(), Set.of(), JsonNodeFactory.instance.objectNode());
    }

    /** Settings with the given allowlists and per-check options ({@code {"checkId": {"key": value}}}). */
    public static CheckSettings of(Set<String> daoControlled, Set<String> codeHashes, JsonNode checks) {
        ObjectNode copy = checks == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) checks.deepCopy();
        return new CheckSettings(lower(daoControlled), lower(codeHashes), copy);
    }

    /**
     * Reads a settings file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON.
     *
     * @throws UserFacingException naming the file and what is wrong with it
     */
    public static CheckSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserFacingException("--checks-config: cannot read " + file + " (" + e.getMessage() + ")", 2, e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(text, name.endsWith(".yaml") || name.endsWith(".yml"), file.toString());
    }

    /** Parses settings text; {@code where} names the source in error messages. */
    public static CheckSettings parse(String text, boolean yaml, String where) {
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(text);
        } catch (IOException e) {
            throw new UserFacingException(
                    "--checks-config: " + where + " is not valid " + (yaml ? "YAML" : "JSON") + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    2,
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw bad(where, "the top level must be an object with 'allowlist' and/or 'checks'");
        }
        for (String key : iterable(root.fieldNames())) {
            if (!key.equals("allowlist") && !key.equals("checks") && !key.equals("abi")) {
                // 'abi' is read by AbiSettings
                throw bad(where, "unknown key '" + key + "' (expected 'allowlist', 'checks' or 'abi')");
            }
        }
        JsonNode allow = root.path("allowlist");
        Set<String> dao = addresses(allow.path("daoControlled"), where, "allowlist.daoControlled", 42);
        Set<String> hashes =
                addresses(allow.path("delegatecallCodeHashes"), where, "allowlist.delegatecallCodeHashes", 66);
        JsonNode checks = root.path("checks");
        if (!checks.isMissingNode() && !checks.isObject()) {
            throw bad(where, "'checks' must map check ids to their options");
        }
        for (String id : iterable(checks.fieldNames())) {
            if (!checks.get(id).isObject()) {
                throw bad(where, "checks." + id + " must be an object of options");
            }
        }
        return new CheckSettings(
                dao,
                hashes,
                checks.isObject() ? (ObjectNode) checks.deepCopy() : JsonNodeFactory.instance.objectNode());
    }

    /** Addresses listed as DAO-controlled (lower-case). */
    public Set<String> daoControlled() {
        return daoControlled;
    }

    /** Runtime-code hashes trusted as delegatecall targets (lower-case). */
    public Set<String> delegatecallCodeHashes() {
        return codeHashes;
    }

    /** True when the address is the proposal's executor or governor, or listed as DAO-controlled. */
    public boolean isDaoControlled(String address, ProposalUnderTest proposal) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        return daoControlled.contains(a)
                || a.equals(proposal.executor())
                || (proposal.governor() != null && a.equals(proposal.governor()));
    }

    public boolean isAllowlistedCodeHash(String codeHash) {
        return codeHash != null && codeHashes.contains(codeHash.toLowerCase(Locale.ROOT));
    }

    /** False only when the check's options say {@code enabled: false}. */
    public boolean enabled(String checkId) {
        return forCheck(checkId).flag("enabled", true);
    }

    /** The options of one check (empty when the file has none). */
    public Options forCheck(String checkId) {
        JsonNode node = checks.path(checkId);
        return new Options(checkId, node.isObject() ? node : JsonNodeFactory.instance.objectNode());
    }

    /** One check's options with typed getters; a value of the wrong type is a user error naming the key. */
    public record Options(String checkId, JsonNode node) {

        public Optional<JsonNode> raw(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
        }

        /** An integer given as a JSON number or a decimal string (large wei amounts). */
        public BigInteger integer(String key, BigInteger fallback) {
            return raw(key).map(v -> {
                        try {
                            return v.isNumber()
                                    ? v.bigIntegerValue()
                                    : new BigDecimal(v.asText().trim()).toBigIntegerExact();
                        } catch (ArithmeticException | NumberFormatException e) {
                            throw wrong(key, "an integer");
                        }
                    })
                    .orElse(fallback);
        }

        public double number(String key, double fallback) {
            return raw(key).map(v -> {
                        try {
                            return v.isNumber()
                                    ? v.doubleValue()
                                    : Double.parseDouble(v.asText().trim());
                        } catch (NumberFormatException e) {
                            throw wrong(key, "a number");
                        }
                    })
                    .orElse(fallback);
        }

        public boolean flag(String key, boolean fallback) {
            return raw(key).map(v -> {
                        if (!v.isBoolean()) {
                            throw wrong(key, "true or false");
                        }
                        return v.booleanValue();
                    })
                    .orElse(fallback);
        }

        /** A list of strings (lower-cased), e.g. addresses; a single string counts as a list of one. */
        public List<String> strings(String key) {
            return raw(key).map(v -> {
                        List<String> out = new ArrayList<>();
                        if (v.isArray()) {
                            v.forEach(e -> out.add(e.asText().toLowerCase(Locale.ROOT)));
                        } else {
                            out.add(v.asText().toLowerCase(Locale.ROOT));
                        }
                        return List.copyOf(out);
                    })
                    .orElse(List.of());
        }

        private UserFacingException wrong(String key, String expected) {
            return new UserFacingException(
                    "--checks-config: checks." + checkId + "." + key + " must be " + expected + ", got "
                            + node.get(key),
                    2,
                    null);
        }
    }

    private static Set<String> addresses(JsonNode list, String where, String field, int length) {
        Set<String> out = new LinkedHashSet<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw bad(where, field + " must be a list");
        }
        for (JsonNode e : list) {
            String v = e.asText().toLowerCase(Locale.ROOT);
            if (!v.matches("0x[0-9a-f]+") || v.length() != length) {
                throw bad(
                        where,
                        field + " entry '" + e.asText() + "' is not a 0x-prefixed "
                                + (length == 42 ? "20-byte address" : "32-byte hash"));
            }
            out.add(v);
        }
        return out;
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static UserFacingException bad(String where, String what) {
        return new UserFacingException("--checks-config: " + where + ": " + what, 2, null);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
