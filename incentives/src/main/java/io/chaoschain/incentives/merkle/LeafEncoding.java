package io.chaoschain.incentives.merkle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Solidity types of a leaf's values, as in a {@code standard-v1} dump's {@code leafEncoding}; encodes a leaf like
 * {@code abi.encode(values...)}. Supported: {@code address}, {@code bool}, {@code uint<N>}, {@code int<N>},
 * {@code bytes<N>}, {@code bytes} and {@code string}; arrays and tuples are not. A value is a {@link String} (hex for
 * addresses and bytes, decimal or 0x-hex for integers), a {@link Boolean} or a {@link Number}.
 */
public record LeafEncoding(List<String> types) {
    private static final Pattern INTEGER = Pattern.compile("(u?)int(\\d*)");
    private static final Pattern FIXED_BYTES = Pattern.compile("bytes(\\d+)");
    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");

    public LeafEncoding {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("leafEncoding must name at least one type");
        }
        for (String type : types) {
            kindOf(type);
        }
    }

    public static LeafEncoding of(String... types) {
        return new LeafEncoding(List.of(types));
    }

    /** {@code abi.encode} of {@code value}, one element per type. */
    public byte[] encode(List<?> value) {
        if (value.size() != types.size()) {
            throw new IllegalArgumentException(
                    "a leaf of " + types + " needs " + types.size() + " values, got " + value.size());
        }
        int headSize = 32 * types.size();
        byte[][] tails = new byte[types.size()][];
        int size = headSize;
        for (int i = 0; i < types.size(); i++) {
            if (isDynamic(types.get(i))) {
                tails[i] = dynamicBytes(types.get(i), value.get(i), i);
                size += 32 + padded(tails[i].length);
            }
        }
        byte[] out = new byte[size];
        int tail = headSize;
        for (int i = 0; i < types.size(); i++) {
            if (tails[i] != null) {
                writeUnsigned(BigInteger.valueOf(tail), out, 32 * i);
                writeUnsigned(BigInteger.valueOf(tails[i].length), out, tail);
                System.arraycopy(tails[i], 0, out, tail + 32, tails[i].length);
                tail += 32 + padded(tails[i].length);
            } else {
                encodeStatic(types.get(i), value.get(i), i, out, 32 * i);
            }
        }
        return out;
    }

    private enum Kind {
        ADDRESS,
        BOOL,
        UINT,
        INT,
        FIXED_BYTES,
        BYTES,
        STRING
    }

    private static Kind kindOf(String type) {
        switch (type) {
            case "address":
                return Kind.ADDRESS;
            case "bool":
                return Kind.BOOL;
            case "bytes":
                return Kind.BYTES;
            case "string":
                return Kind.STRING;
            default:
                break;
        }
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            int bits = bits(integer);
            if (bits < 8 || bits > 256 || bits % 8 != 0) {
                throw unsupported(type);
            }
            return integer.group(1).isEmpty() ? Kind.INT : Kind.UINT;
        }
        Matcher fixed = FIXED_BYTES.matcher(type);
        if (fixed.matches()) {
            int length = Integer.parseInt(fixed.group(1));
            if (length < 1 || length > 32) {
                throw unsupported(type);
            }
            return Kind.FIXED_BYTES;
        }
        throw unsupported(type);
    }

    private static IllegalArgumentException unsupported(String type) {
        return new IllegalArgumentException("leafEncoding type '" + type
                + "' is not supported (use address, bool, uint<N>, int<N>, bytes<N>, bytes or string)");
    }

    private static int bits(Matcher integer) {
        return integer.group(2).isEmpty() ? 256 : Integer.parseInt(integer.group(2));
    }

    private static boolean isDynamic(String type) {
        return type.equals("bytes") || type.equals("string");
    }

    private static int padded(int length) {
        return (length + 31) / 32 * 32;
    }

    private static byte[] dynamicBytes(String type, Object value, int index) {
        if (type.equals("string")) {
            if (!(value instanceof String s)) {
                throw wrongValue(index, type, value);
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return hexBytes(value, index, type);
    }

    private static void encodeStatic(String type, Object value, int index, byte[] out, int offset) {
        switch (kindOf(type)) {
            case ADDRESS -> {
                byte[] address = hexBytes(value, index, type);
                if (address.length != 20) {
                    throw wrongValue(index, type, value);
                }
                System.arraycopy(address, 0, out, offset + 12, 20);
            }
            case BOOL -> {
                boolean b;
                if (value instanceof Boolean bool) {
                    b = bool;
                } else if ("true".equals(value) || "false".equals(value)) {
                    b = "true".equals(value);
                } else {
                    throw wrongValue(index, type, value);
                }
                out[offset + 31] = (byte) (b ? 1 : 0);
            }
            case UINT, INT -> {
                BigInteger n = integer(value, index, type);
                Matcher m = INTEGER.matcher(type);
                m.matches();
                int bits = bits(m);
                boolean signed = kindOf(type) == Kind.INT;
                BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
                BigInteger max = signed
                        ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
                if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                    throw new IllegalArgumentException("leaf value " + index + " (" + type + ") is out of range: " + n);
                }
                if (n.signum() < 0) {
                    java.util.Arrays.fill(out, offset, offset + 32, (byte) 0xff);
                    n = n.add(BigInteger.ONE.shiftLeft(256));
                }
                writeUnsigned(n, out, offset);
            }
            case FIXED_BYTES -> {
                byte[] bytes = hexBytes(value, index, type);
                if (bytes.length != Integer.parseInt(type.substring(5))) {
                    throw wrongValue(index, type, value);
                }
                System.arraycopy(bytes, 0, out, offset, bytes.length);
            }
            default -> throw new IllegalStateException(type + " is dynamic");
        }
    }

    private static BigInteger integer(Object value, int index, String type) {
        try {
            if (value instanceof BigInteger b) {
                return b;
            }
            if (value instanceof Long || value instanceof Integer) {
                return BigInteger.valueOf(((Number) value).longValue());
            }
            if (value instanceof String s) {
                return s.startsWith("0x") || s.startsWith("-0x")
                        ? new BigInteger(s.replaceFirst("0x", ""), 16)
                        : new BigInteger(s);
            }
        } catch (NumberFormatException e) {
            throw wrongValue(index, type, value);
        }
        throw wrongValue(index, type, value);
    }

    private static byte[] hexBytes(Object value, int index, String type) {
        if (!(value instanceof String s) || !HEX.matcher(s).matches()) {
            throw wrongValue(index, type, value);
        }
        return HexFormat.of().parseHex(s, 2, s.length());
    }

    /** Writes a non-negative integer below 2^256 big-endian into the 32 bytes at {@code offset}. */
    static void writeUnsigned(BigInteger n, byte[] out, int offset) {
        byte[] bytes = n.toByteArray();
        int length = bytes.length;
        int from = 0;
        if (length > 32) { // a leading sign byte
            from = length - 32;
            length = 32;
        }
        System.arraycopy(bytes, from, out, offset + 32 - length, length);
    }

    /** Writes the 20 bytes of a 0x-prefixed address already checked to be 40 hex digits into {@code out}. */
    static void writeAddress(String address, byte[] out, int offset) {
        for (int i = 0; i < 20; i++) {
            int hi = Character.digit(address.charAt(2 + 2 * i), 16);
            int lo = Character.digit(address.charAt(3 + 2 * i), 16);
            out[offset + i] = (byte) ((hi << 4) | lo);
        }
    }

    private static IllegalArgumentException wrongValue(int index, String type, Object value) {
        return new IllegalArgumentException("leaf value " + index + " is not a valid " + type + ": " + value);
    }
}
