package io.chaoschain.simulation.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

/**
 * Known function and event definitions by selector / topic: the ChaosChain contracts' ABIs (combined.json) first,
 * then the bundled standard fragments (ERC-20/721, Ownable, AccessControl, UUPS/ERC-1967, Governor, Timelock,
 * Compound Timelock/Bravo). A selector is looked up globally, so a call through a proxy decodes against its
 * implementation's ABI whenever that ABI is known.
 */
public final class AbiRegistry {
    /** Where the chains build packages the compiled contracts' ABIs. */
    public static final String COMBINED_JSON = "io/chaoschain/chains/contracts/combined.json";

    private static final String STANDARD = "io/chaoschain/simulation/standard-abis.txt";

    /** A parameter of a function or event. */
    public record Param(String type, String name, boolean indexed) {}

    /** A function or event definition. */
    public record Definition(String name, List<Param> params, String source) {
        public String signature() {
            return name + "(" + params.stream().map(Param::type).collect(Collectors.joining(",")) + ")";
        }
    }

    private final Map<String, Definition> functions = new LinkedHashMap<>();
    /** Events by topic0; ERC-20 and ERC-721 share Transfer's topic and differ only in what is indexed. */
    private final Map<String, List<Definition>> events = new LinkedHashMap<>();

    private AbiRegistry() {}

    /** The bundled ABIs, parsed once per JVM. */
    public static AbiRegistry bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final AbiRegistry BUNDLED = load();
    }

    private static AbiRegistry load() {
        AbiRegistry r = new AbiRegistry();
        ClassLoader cl = AbiRegistry.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(COMBINED_JSON)) {
            if (in != null) {
                r.addCombinedJson(new ObjectMapper().readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + COMBINED_JSON, e);
        }
        try (InputStream in = cl.getResourceAsStream(STANDARD)) {
            if (in == null) {
                throw new IllegalStateException(STANDARD + " is missing from the classpath");
            }
            r.addFragments(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + STANDARD, e);
        }
        return r;
    }

    /** Adds every function and event of {@code {"Name": {"abi": [...]}}}; earlier definitions win on clashes. */
    public void addCombinedJson(JsonNode combined) {
        combined.properties().forEach(c -> addAbi(c.getKey(), c.getValue().path("abi")));
    }

    /** Adds the functions and events of one ABI array. */
    public void addAbi(String source, JsonNode abi) {
        for (JsonNode item : abi) {
            String kind = item.path("type").asText();
            if (!kind.equals("function") && !kind.equals("event")) {
                continue;
            }
            List<Param> params = new ArrayList<>();
            for (JsonNode in : item.path("inputs")) {
                params.add(new Param(
                        canonicalType(in),
                        in.path("name").asText(""),
                        in.path("indexed").asBoolean(false)));
            }
            add(kind.equals("function"), new Definition(item.path("name").asText(), params, source));
        }
    }

    /** Adds lines {@code source|function name(type name, ...)} or {@code source|event Name(type indexed name, ...)}. */
    public void addFragments(String text) {
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String source = line.substring(0, bar);
            String decl = line.substring(bar + 1).strip();
            boolean function = decl.startsWith("function ");
            decl = decl.substring(decl.indexOf(' ') + 1);
            String name = decl.substring(0, decl.indexOf('('));
            String inside =
                    decl.substring(decl.indexOf('(') + 1, decl.lastIndexOf(')')).strip();
            List<Param> params = new ArrayList<>();
            if (!inside.isEmpty()) {
                for (String p : inside.split(",")) {
                    String[] parts = p.strip().split("\\s+");
                    boolean indexed = parts.length > 1 && parts[1].equals("indexed");
                    String pname = parts.length > (indexed ? 2 : 1) ? parts[parts.length - 1] : "";
                    params.add(new Param(parts[0], pname, indexed));
                }
            }
            add(function, new Definition(name, params, source));
        }
    }

    private void add(boolean function, Definition d) {
        byte[] hash = Hash.sha3(d.signature().getBytes(StandardCharsets.US_ASCII));
        if (function) {
            functions.putIfAbsent(Hex.encode(java.util.Arrays.copyOf(hash, 4)), d);
        } else {
            List<Definition> defs = events.computeIfAbsent(Hex.encode(hash), k -> new ArrayList<>());
            if (defs.stream().noneMatch(x -> indexedCount(x) == indexedCount(d))) {
                defs.add(d);
            }
        }
    }

    /** The function with this selector (0x + 8 hex), or null. */
    public Definition function(String selector) {
        return functions.get(selector.toLowerCase(Locale.ROOT));
    }

    /** The event with this topic0 and {@code indexed} indexed parameters, or null. */
    public Definition event(String topic0, int indexed) {
        return events.getOrDefault(topic0.toLowerCase(Locale.ROOT), List.of()).stream()
                .filter(d -> indexedCount(d) == indexed)
                .findFirst()
                .orElse(null);
    }

    private static long indexedCount(Definition d) {
        return d.params().stream().filter(Param::indexed).count();
    }

    /** Decodes calldata: name and arguments when the selector is known, else only the selector. */
    public DecodedCall decodeCall(String calldata) {
        String data = calldata.toLowerCase(Locale.ROOT);
        String selector = Hex.selector(data);
        Definition d = selector.equals("0x") ? null : functions.get(selector);
        if (d == null) {
            return new DecodedCall(selector, null, List.of(), null);
        }
        List<DecodedCall.Argument> args = decodeValues(data.substring(10), d.params());
        return new DecodedCall(selector, d.signature(), args == null ? List.of() : args, d.source());
    }

    /** Decodes a log; unknown topics leave it undecoded. */
    public DecodedLog decodeLog(int actionIndex, String address, List<String> topics, String data) {
        Definition d = topics.isEmpty() ? null : event(topics.getFirst(), topics.size() - 1);
        if (d == null) {
            return new DecodedLog(actionIndex, address, topics, data, null, List.of());
        }
        List<Param> nonIndexed = d.params().stream().filter(p -> !p.indexed()).toList();
        List<DecodedCall.Argument> body = decodeValues(data.length() > 2 ? data.substring(2) : "", nonIndexed);
        if (body == null) {
            return new DecodedLog(actionIndex, address, topics, data, null, List.of());
        }
        List<DecodedCall.Argument> args = new ArrayList<>();
        int t = 1;
        int b = 0;
        for (Param p : d.params()) {
            if (p.indexed()) {
                args.add(new DecodedCall.Argument(p.name(), p.type(), indexedValue(p.type(), topics.get(t++))));
            } else {
                args.add(body.get(b++));
            }
        }
        return new DecodedLog(actionIndex, address, topics, data, d.signature(), args);
    }

    private static String indexedValue(String type, String topic) {
        String word = topic.toLowerCase(Locale.ROOT);
        if (type.equals("address")) {
            return "0x" + word.substring(word.length() - 40);
        }
        if (type.startsWith("uint")) {
            return new java.math.BigInteger(word.substring(2), 16).toString();
        }
        if (type.equals("bool")) {
            return String.valueOf(new java.math.BigInteger(word.substring(2), 16).signum() != 0);
        }
        return word; // bytes32 as is; dynamic types are hashed into the topic
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<DecodedCall.Argument> decodeValues(String hex, List<Param> params) {
        if (params.isEmpty()) {
            return List.of();
        }
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (Param p : params) {
                refs.add(TypeReference.makeTypeReference(p.type()));
            }
            List<Type> values = FunctionReturnDecoder.decode(hex, refs);
            if (values.size() != params.size()) {
                return null;
            }
            List<DecodedCall.Argument> out = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                out.add(new DecodedCall.Argument(
                        params.get(i).name(), params.get(i).type(), render(values.get(i))));
            }
            return out;
        } catch (ClassNotFoundException | RuntimeException e) {
            return null; // tuples or malformed data: show the signature without arguments
        }
    }

    /** A value as reports write it: decimal integers, lower-case hex addresses and bytes, arrays in brackets. */
    public static String render(Type<?> value) {
        return switch (value) {
            case Address a -> a.getValue().toLowerCase(Locale.ROOT);
            case NumericType n -> n.getValue().toString();
            case Bool b -> String.valueOf(b.getValue());
            case Utf8String s -> '"' + s.getValue() + '"';
            case BytesType bytes -> Hex.encode(bytes.getValue());
            case Array<?> arr ->
                arr.getValue().stream().map(v -> render((Type<?>) v)).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value.getValue());
        };
    }

    private static String canonicalType(JsonNode input) {
        String type = input.path("type").asText();
        if (type.startsWith("tuple")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode component : input.path("components")) {
                parts.add(canonicalType(component));
            }
            return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
        }
        return type;
    }
}
