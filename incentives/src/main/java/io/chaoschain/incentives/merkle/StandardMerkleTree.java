package io.chaoschain.incentives.merkle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Merkle tree with OpenZeppelin's {@code StandardMerkleTree} layout, roots, proofs and {@code standard-v1} dump. The
 * tree is a flat array of 32-byte nodes, root first, children of node {@code i} at {@code 2i+1} and {@code 2i+2}; the
 * {@code n} leaves fill the last {@code n} slots in reverse order, sorted by hash unless built unsorted. Values keep
 * the order they were given in: value {@code i} sits at {@link #treeIndex(int)}. Immutable; safe to share.
 */
public final class StandardMerkleTree {
    public static final String FORMAT = "standard-v1";
    private static final HexFormat HEX = HexFormat.of();

    private final LeafEncoding encoding;
    private final List<List<Object>> values;
    private final int[] treeIndex;
    private final byte[] nodes;

    private StandardMerkleTree(LeafEncoding encoding, List<List<Object>> values, int[] treeIndex, byte[] nodes) {
        this.encoding = encoding;
        this.values = values;
        this.treeIndex = treeIndex;
        this.nodes = nodes;
    }

    /** The tree of {@code values} with leaves sorted by hash, as {@code StandardMerkleTree.of(values, encoding)}. */
    public static StandardMerkleTree of(List<? extends List<?>> values, LeafEncoding encoding) {
        return of(values, encoding, true);
    }

    public static StandardMerkleTree of(List<? extends List<?>> values, LeafEncoding encoding, boolean sortLeaves) {
        Keccak keccak = new Keccak();
        byte[] leaves = new byte[32 * values.size()];
        for (int i = 0; i < values.size(); i++) {
            keccak.leafHash(encoding.encode(values.get(i)), leaves, 32 * i);
        }
        return fromLeafHashes(values, encoding, leaves, sortLeaves, keccak);
    }

    /** Builds the tree from leaf hashes already computed for {@code values} (32 bytes each, in value order). */
    static StandardMerkleTree fromLeafHashes(
            List<? extends List<?>> values, LeafEncoding encoding, byte[] leaves, boolean sortLeaves, Keccak keccak) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (sortLeaves) { // stable, like Array.prototype.sort: equal leaves keep their value order
            Arrays.sort(
                    order, (a, b) -> Arrays.compareUnsigned(leaves, 32 * a, 32 * a + 32, leaves, 32 * b, 32 * b + 32));
        }
        int size = 2 * n - 1;
        byte[] nodes = new byte[32 * size];
        int[] treeIndex = new int[n];
        for (int leaf = 0; leaf < n; leaf++) {
            int at = size - 1 - leaf;
            System.arraycopy(leaves, 32 * order[leaf], nodes, 32 * at, 32);
            treeIndex[order[leaf]] = at;
        }
        for (int i = size - 1 - n; i >= 0; i--) {
            keccak.hashPair(nodes, 32 * (2 * i + 1), nodes, 32 * (2 * i + 2), nodes, 32 * i);
        }
        List<List<Object>> copied = new ArrayList<>(n);
        for (List<?> value : values) {
            copied.add(List.copyOf(value));
        }
        return new StandardMerkleTree(encoding, List.copyOf(copied), treeIndex, nodes);
    }

    /**
     * Reads a {@code standard-v1} dump (as {@code StandardMerkleTree.load} does) and checks every node and leaf; throws
     * {@link IllegalArgumentException} naming what does not match.
     */
    public static StandardMerkleTree load(String dumpJson) {
        JsonNode dump;
        try {
            dump = Json.mapper().readTree(dumpJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the Merkle tree dump is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(dump.path("format").asText(null))) {
            throw new IllegalArgumentException(
                    "unknown Merkle tree dump format '" + dump.path("format").asText("") + "', expected " + FORMAT);
        }
        List<String> types = new ArrayList<>();
        dump.path("leafEncoding").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            throw new IllegalArgumentException("the Merkle tree dump has no leafEncoding");
        }
        LeafEncoding encoding = new LeafEncoding(types);
        JsonNode tree = dump.path("tree");
        byte[] nodes = new byte[32 * tree.size()];
        for (int i = 0; i < tree.size(); i++) {
            byte[] node = hexNode(tree.get(i).asText(), "tree[" + i + "]");
            System.arraycopy(node, 0, nodes, 32 * i, 32);
        }
        JsonNode valueNodes = dump.path("values");
        List<List<Object>> values = new ArrayList<>();
        int[] treeIndex = new int[valueNodes.size()];
        for (int i = 0; i < valueNodes.size(); i++) {
            JsonNode entry = valueNodes.get(i);
            List<Object> value = new ArrayList<>();
            entry.path("value").forEach(v -> value.add(jsonValue(v)));
            values.add(List.copyOf(value));
            treeIndex[i] = entry.path("treeIndex").asInt(-1);
        }
        StandardMerkleTree loaded = new StandardMerkleTree(encoding, List.copyOf(values), treeIndex, nodes);
        loaded.validate();
        return loaded;
    }

    private void validate() {
        int size = nodeCount();
        if (size == 0) {
            throw new IllegalArgumentException("the Merkle tree has no nodes");
        }
        Keccak keccak = new Keccak();
        byte[] expected = new byte[32];
        for (int i = 0; i < size; i++) {
            int left = 2 * i + 1;
            if (left >= size) {
                continue;
            }
            if (left + 1 >= size) {
                throw new IllegalArgumentException("tree[" + i + "] has a left child but no right child");
            }
            keccak.hashPair(nodes, 32 * left, nodes, 32 * (left + 1), expected, 0);
            if (!Arrays.equals(expected, 0, 32, nodes, 32 * i, 32 * i + 32)) {
                throw new IllegalArgumentException("tree[" + i + "] is not the hash of its children");
            }
        }
        for (int v = 0; v < values.size(); v++) {
            int at = treeIndex[v];
            if (at < 0 || at >= size || 2 * at + 1 < size) {
                throw new IllegalArgumentException("values[" + v + "].treeIndex " + at + " is not a leaf");
            }
            keccak.leafHash(encoding.encode(values.get(v)), expected, 0);
            if (!Arrays.equals(expected, 0, 32, nodes, 32 * at, 32 * at + 32)) {
                throw new IllegalArgumentException("values[" + v + "] does not hash to tree[" + at + "]");
            }
        }
    }

    public LeafEncoding encoding() {
        return encoding;
    }

    /** The number of values (leaves). */
    public int size() {
        return values.size();
    }

    public List<Object> value(int valueIndex) {
        return values.get(valueIndex);
    }

    /** Where value {@code valueIndex}'s leaf sits in the node array. */
    public int treeIndex(int valueIndex) {
        return treeIndex[valueIndex];
    }

    public byte[] root() {
        return Arrays.copyOfRange(nodes, 0, 32);
    }

    /** The root as 0x-prefixed lower-case hex. */
    public String rootHex() {
        return nodeHex(0);
    }

    /** All {@code 2n-1} nodes as 0x-hex, root first, as in the dump's {@code tree}. */
    public List<String> nodesHex() {
        List<String> out = new ArrayList<>(nodeCount());
        for (int i = 0; i < nodeCount(); i++) {
            out.add(nodeHex(i));
        }
        return out;
    }

    /** The sibling hashes from value {@code valueIndex}'s leaf up to the root, as {@code getProof(index)}. */
    public List<byte[]> proof(int valueIndex) {
        List<byte[]> proof = new ArrayList<>();
        for (int i = treeIndex[valueIndex]; i > 0; i = (i - 1) / 2) {
            int sibling = i % 2 == 1 ? i + 1 : i - 1;
            proof.add(Arrays.copyOfRange(nodes, 32 * sibling, 32 * sibling + 32));
        }
        return proof;
    }

    public List<String> proofHex(int valueIndex) {
        List<String> proof = new ArrayList<>();
        for (int i = treeIndex[valueIndex]; i > 0; i = (i - 1) / 2) {
            proof.add(nodeHex(i % 2 == 1 ? i + 1 : i - 1));
        }
        return proof;
    }

    /** The leaf hash of {@code value} under {@code encoding}. */
    public static byte[] leafHash(LeafEncoding encoding, List<?> value) {
        byte[] out = new byte[32];
        new Keccak().leafHash(encoding.encode(value), out, 0);
        return out;
    }

    /** True when {@code proof} leads from {@code value}'s leaf to {@code root}, as {@code MerkleProof.verify}. */
    public static boolean verify(byte[] root, LeafEncoding encoding, List<?> value, List<byte[]> proof) {
        Keccak keccak = new Keccak();
        byte[] node = leafHash(encoding, value);
        for (byte[] sibling : proof) {
            if (sibling.length != 32) {
                return false;
            }
            keccak.hashPair(node, 0, sibling, 0, node, 0);
        }
        return Arrays.equals(node, root);
    }

    /** The {@code standard-v1} dump, written exactly as {@code JSON.stringify(tree.dump())} writes it. */
    public String dump() {
        StringWriter out = new StringWriter(70 * nodeCount() + 100 * values.size());
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeArrayFieldStart("leafEncoding");
            for (String type : encoding.types()) {
                json.writeString(type);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("tree");
            for (int i = 0; i < nodeCount(); i++) {
                json.writeString(nodeHex(i));
            }
            json.writeEndArray();
            json.writeArrayFieldStart("values");
            for (int v = 0; v < values.size(); v++) {
                json.writeStartObject();
                json.writeArrayFieldStart("value");
                for (Object element : values.get(v)) {
                    writeValue(json, element);
                }
                json.writeEndArray();
                json.writeNumberField("treeIndex", treeIndex[v]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator json, Object element) throws IOException {
        switch (element) {
            case Boolean b -> json.writeBoolean(b);
            case BigInteger n -> json.writeNumber(n);
            case Long n -> json.writeNumber(n);
            case Integer n -> json.writeNumber(n);
            default -> json.writeString(element.toString());
        }
    }

    private static Object jsonValue(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new IllegalArgumentException(
                "Merkle tree dump value " + v + " is neither a string, a boolean nor an integer");
    }

    private static byte[] hexNode(String hex, String field) {
        if (hex == null || hex.length() != 66 || !hex.startsWith("0x")) {
            throw new IllegalArgumentException(field + " must be a 32-byte 0x-hex node, got '" + hex + "'");
        }
        try {
            return HEX.parseHex(hex, 2, 66);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a 32-byte 0x-hex node, got '" + hex + "'", e);
        }
    }

    private int nodeCount() {
        return nodes.length / 32;
    }

    private String nodeHex(int i) {
        return "0x" + HEX.formatHex(nodes, 32 * i, 32 * i + 32);
    }
}
