package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The origin chain's traffic in a block window, prepared for replay on a fork taken at the window's last block.
 *
 * <p>Replayed blocks are re-timed so the replay reads as the <em>next</em> window of similar traffic: block {@code b}
 * is mined at {@code forkTimestamp + 1 + (timestamp(b) - timestamp(from - 1))}, keeping the original spacing
 * between blocks (and so realistic interest accrual) while leaving second {@code forkTimestamp + 1} free for the
 * proposal's execution. The transactions of one origin block are mined together in one fork block.
 *
 * @param forkBlock the block the fork is taken at
 * @param forkTimestamp that block's timestamp
 * @param gasLimit that block's gas limit
 * @param transactions the transactions to replay, in chain order
 * @param skipped transactions of the window matching the targets that cannot be replayed (blob and EIP-7702 types)
 */
public record TrafficWindow(
        long forkBlock, long forkTimestamp, BigInteger gasLimit, List<ReplayTx> transactions, int skipped) {

    /** Blocks fetched per JSON-RPC batch; full blocks can be large. */
    private static final int BLOCKS_PER_BATCH = 25;

    /**
     * One origin transaction to resend from the same sender with the same call.
     *
     * @param originBlock the block it was mined in on the origin; its replay is mined in one fork block with the
     *     other transactions of that block, in the same order
     * @param to null for a contract creation
     * @param accessList the original access list, or null
     * @param timestamp the fork timestamp to mine it at
     */
    public record ReplayTx(
            long originBlock,
            String originHash,
            String from,
            String to,
            BigInteger value,
            String input,
            BigInteger gas,
            JsonNode accessList,
            long timestamp) {}

    /**
     * Reads blocks {@code from..to} (and {@code from - 1} for its timestamp) with full transactions from the origin.
     * {@code from == to == 0} means no replay: the fork is taken at {@code head}.
     *
     * @param targets lower-case addresses whose incoming transactions are kept; empty keeps all
     */
    public static TrafficWindow load(ChainClient origin, long from, long to, long head, Set<String> targets) {
        boolean none = from == 0 && to == 0;
        long forkBlock = none ? head : to;
        List<Long> numbers = new ArrayList<>();
        if (none) {
            numbers.add(forkBlock);
        } else {
            for (long n = Math.max(0, from - 1); n <= to; n++) {
                numbers.add(n);
            }
        }
        List<JsonNode> blocks = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i += BLOCKS_PER_BATCH) {
            List<RpcCall> calls = numbers.subList(i, Math.min(numbers.size(), i + BLOCKS_PER_BATCH)).stream()
                    .map(n -> RpcCall.of("eth_getBlockByNumber", quantity(n), !none))
                    .toList();
            for (RpcResult r : origin.batch(calls)) {
                JsonNode block = r.orThrow();
                if (block == null || block.isNull()) {
                    throw new IllegalStateException("the origin has no block " + numbers.get(blocks.size()));
                }
                blocks.add(block);
            }
        }
        JsonNode last = blocks.getLast();
        long forkTimestamp = longOf(last.path("timestamp"));
        BigInteger gasLimit = bigOf(last.path("gasLimit"));
        List<ReplayTx> txs = new ArrayList<>();
        int skipped = 0;
        if (!none) {
            long base = longOf(blocks.getFirst().path("timestamp"));
            for (JsonNode block : blocks) {
                long number = longOf(block.path("number"));
                if (number < from) {
                    continue; // the block before the window only supplies the time base
                }
                long at = forkTimestamp + 1 + (longOf(block.path("timestamp")) - base);
                for (JsonNode tx : block.path("transactions")) {
                    String toAddress =
                            tx.path("to").isTextual() ? tx.path("to").asText().toLowerCase(Locale.ROOT) : null;
                    if (!targets.isEmpty() && (toAddress == null || !targets.contains(toAddress))) {
                        continue;
                    }
                    long type = tx.hasNonNull("type") ? longOf(tx.path("type")) : 0;
                    if (type == 3 || type == 4) {
                        skipped++;
                        continue;
                    }
                    JsonNode accessList = tx.path("accessList");
                    txs.add(new ReplayTx(
                            number,
                            tx.path("hash").asText(),
                            tx.path("from").asText().toLowerCase(Locale.ROOT),
                            toAddress,
                            bigOf(tx.path("value")),
                            tx.path("input").asText("0x"),
                            bigOf(tx.path("gas")),
                            accessList.isArray() && !accessList.isEmpty() ? accessList : null,
                            at));
                }
            }
        }
        return new TrafficWindow(forkBlock, forkTimestamp, gasLimit, List.copyOf(txs), skipped);
    }

    public static String quantity(long n) {
        return "0x" + Long.toHexString(n);
    }

    static long longOf(JsonNode hexQuantity) {
        return bigOf(hexQuantity).longValueExact();
    }

    public static BigInteger bigOf(JsonNode hexQuantity) {
        String s = hexQuantity.asText("0x0");
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return s.length() == 2 ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
        }
        return new BigInteger(s);
    }
}
