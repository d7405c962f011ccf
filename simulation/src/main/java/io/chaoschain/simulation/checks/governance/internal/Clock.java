package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.simulation.evidence.ChainReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A governor's or token's ERC-6372 clock as read on the source chain: {@code CLOCK_MODE()} is {@code mode=timestamp}
 * for contracts that count time in seconds, anything else (or no {@code CLOCK_MODE()}) counts blocks. Timepoints of a
 * timestamp clock (proposal snapshots and deadlines, {@code getPastVotes} arguments) are turned into blocks by a binary
 * search over the source chain's block timestamps, up to the fork block.
 */
public final class Clock {
    private final ChainReader chain;
    private final boolean timestamp;
    private final long head;
    private final Map<Long, Long> timestamps = new HashMap<>();

    private Clock(ChainReader chain, boolean timestamp, long head) {
        this.chain = chain;
        this.timestamp = timestamp;
        this.head = head;
    }

    /** The clock of {@code contract} as of block {@code head} of {@code chain} (the fork block). */
    public static Clock of(ChainReader chain, String contract, long head) {
        boolean ts = mode(chain, contract, head)
                .map(m -> m.contains("mode=timestamp"))
                .orElse(false);
        return new Clock(chain, ts, head);
    }

    /** A block-number clock (no ERC-6372, or {@code mode=blocknumber}). */
    public static Clock blocks(ChainReader chain, long head) {
        return new Clock(chain, false, head);
    }

    /** {@code CLOCK_MODE()} decoded as a string; empty when the contract has none. */
    public static Optional<String> mode(ChainReader chain, String contract, long block) {
        return Evm.call(chain, null, contract, Evm.encode("CLOCK_MODE()"), block)
                .filter(out -> out.length() >= 2 + 128)
                .map(Clock::abiString);
    }

    static String abiString(String out) {
        BigInteger offset = Evm.word(out, 0);
        int at = offset.intValueExact() / 32;
        int length = Evm.word(out, at).intValueExact();
        String hex = out.substring(2 + 64 * (at + 1));
        if (hex.length() < 2 * length) {
            return "";
        }
        byte[] bytes = io.chaoschain.core.Hex.decode("0x" + hex.substring(0, 2 * length));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the clock counts seconds. */
    public boolean timestamp() {
        return timestamp;
    }

    /** "block" or "timestamp", for evidence lines. */
    public String unit() {
        return timestamp ? "timestamp" : "block";
    }

    /**
     * The first block whose clock value is at least {@code timepoint}: the timepoint itself for a block clock; for a
     * timestamp clock the first source block with timestamp &gt;= {@code timepoint}, or {@code head + 1} when that is
     * after the fork block (the block does not exist on the source chain yet).
     */
    public long blockAt(long timepoint) {
        if (!timestamp) {
            return timepoint;
        }
        if (timepoint <= timestampOf(0)) {
            return 0;
        }
        if (timestampOf(head) < timepoint) {
            return head + 1;
        }
        long lo = 0; // timestamp(lo) < timepoint
        long hi = head; // timestamp(hi) >= timepoint
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (timestampOf(mid) >= timepoint) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The clock's value at {@code block}: the block number, or the block's timestamp for a timestamp clock. */
    public long timepointOf(long block) {
        return timestamp ? timestampOf(block) : block;
    }

    /** The timestamp of a source block (cached). */
    public long timestampOf(long block) {
        return timestamps.computeIfAbsent(block, b -> {
            JsonNode header = chain.rpc("eth_getBlockByNumber", Evm.blockTag(b), false);
            if (header == null || header.isNull()) {
                throw new Evm.HistoryUnavailable("the node did not return block " + b, null);
            }
            return Long.decode(header.path("timestamp").asText());
        });
    }
}
