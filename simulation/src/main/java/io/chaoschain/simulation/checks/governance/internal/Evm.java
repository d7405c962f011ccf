package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.ChainReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Static-type ABI encoding and reads through a {@link ChainReader}. Calls that revert come back empty: the checks
 * treat them as "does not have that function". A node that no longer has the block's state raises
 * {@link HistoryUnavailable}, so the check ends in error instead of judging on a missing answer.
 */
public final class Evm {
    /** An address no one controls, used as the caller when probing whether anyone may call something. */
    public static final String STRANGER = "0x5c4a0de00000000000000000000000000000beef";

    public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    public static final BigInteger UNLIMITED = BigInteger.TWO.pow(255);
    /** 10^18, the fixed-point unit of prices and factors. */
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    private Evm() {}

    /** The 4-byte selector of a signature such as {@code owner()}, 0x-hex. */
    public static String selector(String signature) {
        return Hex.encode(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)))
                .substring(0, 10);
    }

    /** keccak256 of text, 0x-hex: event topics and role ids. */
    public static String keccak(String text) {
        return Hex.encode(Hash.sha3(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Calldata for a function with static arguments only: each argument is a BigInteger (uint), a String address or
     * 32-byte hex word, or a Boolean.
     */
    public static String encode(String signature, Object... args) {
        StringBuilder sb = new StringBuilder(selector(signature));
        for (Object a : args) {
            sb.append(word(a));
        }
        return sb.toString();
    }

    static String word(Object a) {
        return switch (a) {
            case BigInteger n -> pad(n.toString(16));
            case Long n -> pad(Long.toHexString(n));
            case Integer n -> pad(Integer.toHexString(n));
            case Boolean b -> pad(b ? "1" : "0");
            case String s -> pad(s.toLowerCase(Locale.ROOT).replaceFirst("^0x", ""));
            default -> throw new IllegalArgumentException("cannot encode " + a);
        };
    }

    private static String pad(String hex) {
        return "0".repeat(Math.max(0, 64 - hex.length())) + hex;
    }

    /** {@code eth_call} from {@code from} (null for none) at {@code block} (-1 latest); empty when it reverts. */
    public static Optional<String> call(ChainReader chain, String from, String to, String data, long block) {
        Map<String, Object> tx = new LinkedHashMap<>();
        if (from != null) {
            tx.put("from", from);
        }
        tx.put("to", to);
        tx.put("data", data);
        try {
            JsonNode out = chain.rpc("eth_call", tx, blockTag(block));
            return out == null || out.isNull() ? Optional.empty() : Optional.of(out.asText());
        } catch (RuntimeException e) {
            if (stateUnavailable(e)) {
                // the node no longer has that block's state: that is not "the function reverts"
                throw new HistoryUnavailable(
                        "the node has no state for block " + block + " (" + e.getMessage() + ")", e);
            }
            return Optional.empty();
        }
    }

    /** True for a node's answer that it does not keep the state asked for (pruned or unknown block). */
    static boolean stateUnavailable(RuntimeException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("blockoutofrange")
                || m.contains("missing trie node")
                || m.contains("header not found")
                || m.contains("historical state")
                || m.contains("state is not available")
                || m.contains("pruned");
    }

    /** A view call returning one word, read as an unsigned integer; empty when it reverts or returns nothing. */
    public static Optional<BigInteger> uint(ChainReader chain, String to, String data, long block) {
        return call(chain, null, to, data, block).filter(o -> o.length() >= 66).map(o -> word(o, 0));
    }

    /** A view call returning one address; empty when it reverts or returns nothing. */
    public static Optional<String> address(ChainReader chain, String to, String data, long block) {
        return call(chain, null, to, data, block).filter(o -> o.length() >= 66).map(o -> addressAt(o, 0));
    }

    /** The {@code index}-th 32-byte word of 0x-hex data as an unsigned integer. */
    public static BigInteger word(String data, int index) {
        String hex = data.startsWith("0x") ? data.substring(2) : data;
        int from = index * 64;
        if (hex.length() < from + 64) {
            return BigInteger.ZERO;
        }
        return new BigInteger(hex.substring(from, from + 64), 16);
    }

    /** The {@code index}-th word read as an address. */
    public static String addressAt(String data, int index) {
        return toAddress(word(data, index));
    }

    public static String toAddress(BigInteger word) {
        String hex = word.mod(BigInteger.TWO.pow(160)).toString(16);
        return "0x" + "0".repeat(40 - hex.length()) + hex;
    }

    /** A 32-byte topic holding an address, as the address. */
    public static String topicAddress(String topic) {
        return toAddress(new BigInteger(topic.substring(2), 16));
    }

    public static String blockTag(long block) {
        return block < 0 ? "latest" : "0x" + Long.toHexString(block);
    }

    public static boolean hasCode(ChainReader chain, String address, long block) {
        String code = chain.code(address, block);
        return code != null && !code.equals("0x") && !code.isEmpty();
    }

    /** Blocks per {@code eth_getLogs} request: public RPCs commonly refuse wider ranges. */
    public static final long LOG_CHUNK = 10_000;
    /** How far back any history scan reaches (about 70 days of 12-second blocks). */
    public static final long HISTORY_BLOCKS = 500_000;

    /**
     * {@code eth_getLogs} of {@code address} with {@code topic0} between two blocks, in {@link #LOG_CHUNK}-block
     * requests, never further back than {@link #HISTORY_BLOCKS} before {@code toBlock}; topic filters beyond the first
     * are optional (null for any).
     *
     * @throws HistoryUnavailable when the node refuses or fails a request
     */
    public static List<JsonNode> logs(
            ChainReader chain, String address, long fromBlock, long toBlock, String... topics) {
        List<Object> t = new ArrayList<>();
        for (String topic : topics) {
            t.add(topic);
        }
        List<JsonNode> out = new ArrayList<>();
        long start = Math.max(Math.max(0, fromBlock), toBlock - HISTORY_BLOCKS);
        for (long from = start; from <= toBlock; from += LOG_CHUNK) {
            Map<String, Object> filter = new LinkedHashMap<>();
            if (address != null) {
                filter.put("address", address);
            }
            filter.put("fromBlock", blockTag(from));
            filter.put("toBlock", blockTag(Math.min(toBlock, from + LOG_CHUNK - 1)));
            filter.put("topics", t);
            JsonNode result;
            try {
                result = chain.rpc("eth_getLogs", filter);
            } catch (RuntimeException e) {
                throw new HistoryUnavailable(
                        "the node did not return the logs of " + address + " for blocks " + from + ".."
                                + Math.min(toBlock, from + LOG_CHUNK - 1) + " (" + e.getMessage() + ")",
                        e);
            }
            if (result != null && result.isArray()) {
                result.forEach(out::add);
            }
        }
        return out;
    }

    /** The source chain's history could not be read; checks that need it end in error instead of judging. */
    public static final class HistoryUnavailable extends RuntimeException {
        public HistoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A topic filter value for an address. */
    public static String addressTopic(String address) {
        return "0x" + word(address);
    }

    /** Runtime code without Solidity's trailing CBOR metadata, so its bytes are not mistaken for opcodes. */
    public static String stripMetadata(String code) {
        if (code == null || code.length() < 6) {
            return code;
        }
        String hex = code.startsWith("0x") ? code.substring(2) : code;
        int len = Integer.parseInt(hex.substring(hex.length() - 4), 16);
        int cut = hex.length() - 4 - 2 * len;
        // solc metadata is a CBOR map starting with 0xa1..0xa5; anything else is not metadata
        if (len > 0 && cut > 0 && hex.substring(cut, cut + 2).matches("a[1-5]")) {
            return "0x" + hex.substring(0, cut);
        }
        return "0x" + hex;
    }

    /**
     * Words of the arguments (after the selector) that look like addresses: twelve zero bytes, then a value of at
     * least 2^128, so that small integers are not taken for addresses. For calldata no ABI decodes.
     */
    public static List<String> addressWords(String calldata) {
        List<String> out = new ArrayList<>();
        String hex = calldata.startsWith("0x") ? calldata.substring(2) : calldata;
        for (int at = 8; at + 64 <= hex.length(); at += 64) {
            String w = hex.substring(at, at + 64);
            if (w.startsWith("0".repeat(24)) && new BigInteger(w, 16).bitLength() > 128) {
                String a = "0x" + w.substring(24);
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
