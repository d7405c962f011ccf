package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;

/**
 * Turns EVM revert data into a readable reason: {@code Error(string)} gives its message, {@code Panic(uint256)} its
 * code with a description, and custom errors their name (and arguments) looked up by selector in contract ABIs.
 */
public final class ErrorDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorDecoder.class);
  /** Where the chains build packages the compiled contracts' ABIs. */
  public static final String COMBINED_JSON = "io/chaoschain/chains/contracts/combined.json";
  private static final String ERROR_STRING = "0x08c379a0";
  private static final String PANIC = "0x4e487b71";
  private static final Map<Integer, String> PANIC_CODES = Map.of(
      0x01, "assertion failed",
      0x11, "arithmetic underflow or overflow",
      0x12, "division or modulo by zero",
      0x21, "invalid enum value",
      0x22, "invalid storage byte array encoding",
      0x31, "pop on empty array",
      0x32, "array index out of bounds",
      0x41, "out of memory",
      0x51, "call to zero-initialized function");

  /** A custom error from an ABI. */
  record ErrorDef(String name, List<String> types) {}

  /**
   * A decoded revert.
   *
   * @param name what to count reverts by: the custom error's name, the {@code Error(string)} message, {@code
   *     Panic(0x11)}, or a fallback such as {@code unknown error 0x12345678}
   * @param detail the name with decoded arguments where there are any, e.g. {@code InvalidParameter("kink", 0)}
   */
  public record Reason(String name, String detail) {}

  private final Map<String, ErrorDef> errors;

  ErrorDecoder(Map<String, ErrorDef> errors) {
    this.errors = Map.copyOf(errors);
  }

  /** A decoder knowing every custom error in the ChaosChain contracts; standard errors only when absent. */
  public static ErrorDecoder fromClasspath() {
    try (InputStream in = ErrorDecoder.class.getClassLoader().getResourceAsStream(COMBINED_JSON)) {
      if (in == null) {
        LOG.warn("{} not on the classpath; custom errors will show as selectors", COMBINED_JSON);
        return new ErrorDecoder(Map.of());
      }
      return fromCombinedJson(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + COMBINED_JSON, e);
    }
  }

  /** Reads {@code {"Contract": {"abi": [...]}, ...}} as written by scripts/compile-contracts.mjs. */
  public static ErrorDecoder fromCombinedJson(JsonNode combined) {
    Map<String, ErrorDef> errors = new HashMap<>();
    combined.properties().forEach(contract -> {
      for (JsonNode item : contract.getValue().path("abi")) {
        if ("error".equals(item.path("type").asText())) {
          List<String> types = new ArrayList<>();
          for (JsonNode input : item.path("inputs")) {
            types.add(canonicalType(input));
          }
          String name = item.path("name").asText();
          String signature = name + "(" + String.join(",", types) + ")";
          errors.put(selectorOf(signature), new ErrorDef(name, types));
        }
      }
    });
    return new ErrorDecoder(errors);
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

  static String selectorOf(String signature) {
    return Hex.encode(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
  }

  /** Decodes revert data (0x-prefixed hex; empty when the revert carried none). */
  @SuppressWarnings("rawtypes") // web3j's decoder speaks raw Type
  public Reason decode(String revertData) {
    String data = revertData == null ? "0x" : revertData.toLowerCase(Locale.ROOT);
    if (data.length() < 10) {
      return new Reason("reverted without reason", "reverted without reason");
    }
    String selector = data.substring(0, 10);
    String args = data.substring(10);
    if (selector.equals(ERROR_STRING)) {
      List<Type> values = decodeArgs(args, List.of("string"));
      String message = values == null ? "malformed Error(string)" : (String) values.getFirst().getValue();
      return new Reason(message, message);
    }
    if (selector.equals(PANIC)) {
      List<Type> values = decodeArgs(args, List.of("uint256"));
      if (values == null) {
        return new Reason("Panic", "Panic (malformed code)");
      }
      BigInteger code = (BigInteger) values.getFirst().getValue();
      String name = "Panic(0x" + code.toString(16) + ")";
      String what = code.bitLength() < 16 ? PANIC_CODES.get(code.intValue()) : null;
      return new Reason(name, what == null ? name : name + ": " + what);
    }
    ErrorDef def = errors.get(selector);
    if (def == null) {
      return new Reason("unknown error " + selector, "unknown error " + data);
    }
    List<Type> values = def.types().isEmpty() ? List.of() : decodeArgs(args, def.types());
    if (values == null) {
      return new Reason(def.name(), def.name());
    }
    String rendered = values.stream().map(ErrorDecoder::render).collect(Collectors.joining(", "));
    return new Reason(def.name(), def.name() + "(" + rendered + ")");
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> decodeArgs(String hexArgs, List<String> types) {
    try {
      List<TypeReference<Type>> refs = new ArrayList<>();
      for (String t : types) {
        refs.add(TypeReference.makeTypeReference(t));
      }
      List<Type> values = FunctionReturnDecoder.decode(hexArgs, refs);
      return values.size() == types.size() ? values : null;
    } catch (ClassNotFoundException | RuntimeException e) {
      // tuples and malformed data: fall back to the bare name rather than fail the simulation
      return null;
    }
  }

  private static String render(Type<?> value) {
    return switch (value) {
      case Utf8String s -> '"' + s.getValue() + '"';
      case Address a -> a.getValue();
      default -> {
        Object v = value.getValue();
        if (v instanceof byte[] bytes) {
          yield Hex.encode(bytes);
        }
        if (v instanceof List<?> list) {
          yield list.stream().map(e -> e instanceof Type<?> t ? render(t) : String.valueOf(e))
              .collect(Collectors.joining(", ", "[", "]"));
        }
        yield String.valueOf(v);
      }
    };
  }
}
