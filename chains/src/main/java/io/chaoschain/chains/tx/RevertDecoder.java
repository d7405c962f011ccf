package io.chaoschain.chains.tx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.tx.RevertReason.Argument;
import io.chaoschain.chains.tx.RevertReason.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data: the standard {@code Error(string)} and {@code Panic(uint256)}, and custom errors declared in
 * the ABIs the decoder was built from. Decoding never throws; data it cannot read comes back as
 * {@link Kind#UNKNOWN}.
 */
@SuppressWarnings("rawtypes") // web3j's ABI decoder works with raw Type lists
public final class RevertDecoder {
    static final String ERROR_SELECTOR = "0x08c379a0";
    static final String PANIC_SELECTOR = "0x4e487b71";
    private static final String BUNDLED_ARTIFACTS = "/io/chaoschain/chains/contracts/combined.json";
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();
    private static final RevertDecoder STANDARD = new RevertDecoder(Map.of());

    /** A custom error: its name, parameters and canonical signature such as {@code Foo(uint256,address)}. */
    public record ErrorDefinition(String name, List<Parameter> inputs, String signature) {
        public ErrorDefinition {
            inputs = List.copyOf(inputs);
        }

        public String selector() {
            return Hash.sha3String(signature).substring(0, 10);
        }
    }

    /** A parameter with its canonical ABI type ({@code uint256}, {@code (address,uint256)[]}, ...). */
    public record Parameter(String name, String type) {}

    private final Map<String, ErrorDefinition> errors;

    private RevertDecoder(Map<String, ErrorDefinition> errors) {
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Decodes only {@code Error(string)} and {@code Panic(uint256)}. */
    public static RevertDecoder standard() {
        return STANDARD;
    }

    /**
     * Builds a decoder from the {@code error} entries of every ABI in {@code json}: a bare ABI array, one artifact
     * ({@code {"abi": [...]}}), ChaosChain's {@code combined.json} ({@code {"Name": {"abi": [...]}}}) or solc's
     * {@code --combined-json} output (ABIs possibly embedded as strings).
     *
     * @throws IllegalArgumentException when {@code json} is not JSON
     */
    public static RevertDecoder fromAbiJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ABI is not valid JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, ErrorDefinition> found = new LinkedHashMap<>();
        collect(root, found);
        return new RevertDecoder(found);
    }

    /**
     * A decoder for the custom errors of every contract ChaosChain ships (the {@code combined.json} packaged with this
     * module).
     */
    public static RevertDecoder bundled() {
        try (java.io.InputStream in = RevertDecoder.class.getResourceAsStream(BUNDLED_ARTIFACTS)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_ARTIFACTS + " is missing from the classpath");
            }
            return fromAbiJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A decoder knowing the given definitions. */
    public static RevertDecoder of(List<ErrorDefinition> definitions) {
        Map<String, ErrorDefinition> map = new LinkedHashMap<>();
        for (ErrorDefinition definition : definitions) {
            map.putIfAbsent(definition.selector(), definition);
        }
        return new RevertDecoder(map);
    }

    /** A decoder knowing this decoder's errors and {@code other}'s; on a selector clash this one's wins. */
    public RevertDecoder merge(RevertDecoder other) {
        Map<String, ErrorDefinition> merged = new LinkedHashMap<>(other.errors);
        merged.putAll(errors);
        return new RevertDecoder(merged);
    }

    /** Known custom errors by 4-byte selector (0x-prefixed, lower case). */
    public Map<String, ErrorDefinition> errors() {
        return errors;
    }

    /** Decodes revert data (0x-prefixed hex); null or "0x" is a revert without reason. */
    public RevertReason decode(String revertData) {
        String data = revertData == null ? "0x" : revertData.toLowerCase(Locale.ROOT);
        if (!data.startsWith("0x")) {
            data = "0x" + data;
        }
        if (data.length() < 10) {
            return new RevertReason(data.equals("0x") ? Kind.EMPTY : Kind.UNKNOWN, "0x", "", List.of(), data);
        }
        String selector = data.substring(0, 10);
        String body = data.substring(10);
        try {
            if (selector.equals(ERROR_SELECTOR)) {
                List<Type> values =
                        FunctionReturnDecoder.decode(body, refs(List.of(new Parameter("message", "string"))));
                return new RevertReason(
                        Kind.ERROR_MESSAGE,
                        selector,
                        "Error",
                        arguments(List.of(new Parameter("message", "string")), values),
                        data);
            }
            if (selector.equals(PANIC_SELECTOR)) {
                List<Parameter> params = List.of(new Parameter("code", "uint256"));
                return new RevertReason(
                        Kind.PANIC,
                        selector,
                        "Panic",
                        arguments(params, FunctionReturnDecoder.decode(body, refs(params))),
                        data);
            }
            ErrorDefinition definition = errors.get(selector);
            if (definition == null) {
                return new RevertReason(Kind.UNKNOWN, selector, "", List.of(), data);
            }
            if (definition.inputs().stream().anyMatch(p -> p.type().startsWith("("))) {
                // web3j cannot decode tuples without generated classes; the raw words still identify the values
                return new RevertReason(
                        Kind.CUSTOM_ERROR,
                        selector,
                        definition.name(),
                        List.of(new Argument("data", "bytes", "0x" + body)),
                        data);
            }
            List<Type> values = FunctionReturnDecoder.decode(body, refs(definition.inputs()));
            if (values.size() != definition.inputs().size()) {
                return new RevertReason(Kind.CUSTOM_ERROR, selector, definition.name(), List.of(), data);
            }
            return new RevertReason(
                    Kind.CUSTOM_ERROR, selector, definition.name(), arguments(definition.inputs(), values), data);
        } catch (RuntimeException | ClassNotFoundException e) {
            // truncated or malformed data: report what is known instead of failing the caller
            ErrorDefinition definition = errors.get(selector);
            return definition == null || selector.equals(ERROR_SELECTOR) || selector.equals(PANIC_SELECTOR)
                    ? new RevertReason(Kind.UNKNOWN, selector, "", List.of(), data)
                    : new RevertReason(Kind.CUSTOM_ERROR, selector, definition.name(), List.of(), data);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeReference<Type>> refs(List<Parameter> params) throws ClassNotFoundException {
        List<TypeReference<Type>> refs = new ArrayList<>();
        for (Parameter p : params) {
            refs.add(TypeReference.makeTypeReference(p.type()));
        }
        return refs;
    }

    private static List<Argument> arguments(List<Parameter> params, List<Type> values) {
        List<Argument> args = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            args.add(new Argument(params.get(i).name(), params.get(i).type(), javaValue(values.get(i))));
        }
        return args;
    }

    private static Object javaValue(Type<?> value) {
        return switch (value) {
            case NumericType n -> n.getValue();
            case Address a -> a.getValue().toLowerCase(Locale.ROOT);
            case Bool b -> b.getValue();
            case Utf8String s -> s.getValue();
            case BytesType bytes -> Numeric.toHexString(bytes.getValue());
            case Array<?> array ->
                array.getValue().stream().map(v -> javaValue((Type<?>) v)).toList();
            default -> String.valueOf(value.getValue());
        };
    }

    private static void collect(JsonNode node, Map<String, ErrorDefinition> found) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if ("error".equals(node.path("type").asText()) && node.path("name").isTextual()) {
            ErrorDefinition definition = definition(node);
            found.putIfAbsent(definition.selector(), definition);
            return;
        }
        node.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (entry.getKey().equals("abi")
                    && value.isTextual()
                    && value.asText().trim().startsWith("[")) {
                try {
                    collect(JSON.readTree(value.asText()), found);
                } catch (JsonProcessingException e) {
                    // an unreadable embedded ABI contributes no errors
                }
            } else {
                collect(value, found);
            }
        });
    }

    private static ErrorDefinition definition(JsonNode entry) {
        List<Parameter> inputs = new ArrayList<>();
        for (JsonNode input : entry.path("inputs")) {
            inputs.add(new Parameter(input.path("name").asText(""), canonicalType(input)));
        }
        String signature = entry.path("name").asText() + "("
                + inputs.stream().map(Parameter::type).collect(Collectors.joining(",")) + ")";
        return new ErrorDefinition(entry.path("name").asText(), inputs, signature);
    }

    private static String canonicalType(JsonNode param) {
        String type = param.path("type").asText();
        if (!type.startsWith("tuple")) {
            return type;
        }
        List<String> components = new ArrayList<>();
        for (JsonNode component : param.path("components")) {
            components.add(canonicalType(component));
        }
        return "(" + String.join(",", components) + ")" + type.substring("tuple".length());
    }

    /** The 4-byte selector of a canonical signature such as {@code Error(string)}. */
    public static String selectorOf(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }
}
