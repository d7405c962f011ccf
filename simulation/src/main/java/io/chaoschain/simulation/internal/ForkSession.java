package io.chaoschain.simulation.internal;

import static io.chaoschain.simulation.internal.TrafficWindow.bigOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.simulation.MetricProbe;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.core.simulation.SimulationReport.ActionOutcome;
import io.chaoschain.core.simulation.SimulationReport.ReplayOutcome;
import io.chaoschain.core.simulation.SimulationReport.StateChange;
import io.chaoschain.simulation.internal.TrafficWindow.ReplayTx;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Operations on one Anvil fork: snapshots, replaying traffic, executing proposal actions as the impersonated
 * executor, tracing their storage writes and reading metric probes.
 *
 * <p>Every transaction is sent with gas price 0 on a fork started with a zero base fee, so replays neither need nor
 * spend the senders' ETH and every block's contents depend only on the inputs. Every block's timestamp is set
 * explicitly, never taken from the wall clock, so a simulation is reproducible down to its transaction hashes.
 */
public final class ForkSession {
    private static final Map<String, Object> CALL_TRACER =
            Map.of("tracer", "callTracer", "tracerConfig", Map.of("onlyTopCall", true));
    private static final Map<String, Object> PRESTATE_DIFF =
            Map.of("tracer", "prestateTracer", "tracerConfig", Map.of("diffMode", true));

    private final ChainClient rpc;
    private final ErrorDecoder decoder;

    public ForkSession(ChainClient rpc, ErrorDecoder decoder) {
        this.rpc = rpc;
        this.decoder = decoder;
    }

    /**
     * Prepares the fork: every address may send transactions without its key (the fork never holds keys), and blocks
     * are mined only on request. Anvil's automine answers {@code eth_sendTransaction} before the block is mined, so
     * the simulator mines each block itself with {@code evm_mine}, which returns once the block exists.
     */
    public void prepare() {
        rpc.send("anvil_autoImpersonateAccount", true);
        rpc.send("evm_setAutomine", false);
    }

    public String snapshot() {
        return rpc.send("evm_snapshot").asText();
    }

    /** Restores a snapshot; Anvil drops the snapshot on revert, so take a new one to return there again. */
    public void revert(String snapshot) {
        if (!rpc.send("evm_revert", snapshot).asBoolean()) {
            throw new SimulationException("the fork refused to revert to snapshot " + snapshot);
        }
    }

    /**
     * Resends the transactions in order, the transactions of one origin block together in one fork block mined at
     * their planned timestamp, and counts reverts by decoded reason.
     */
    public ReplayOutcome replay(List<ReplayTx> txs) {
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        int reverted = 0;
        int i = 0;
        while (i < txs.size()) {
            int end = i;
            while (end < txs.size() && txs.get(end).originBlock() == txs.get(i).originBlock()) {
                end++;
            }
            List<Map<String, Object>> block = new ArrayList<>();
            for (ReplayTx tx : txs.subList(i, end)) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("from", tx.from());
                if (tx.to() != null) {
                    params.put("to", tx.to());
                }
                params.put("value", quantity(tx.value()));
                params.put("data", tx.input());
                params.put("gas", quantity(tx.gas()));
                params.put("gasPrice", "0x0");
                if (tx.accessList() != null) {
                    params.put("accessList", tx.accessList());
                }
                block.add(params);
            }
            for (Mined m : mine(block, txs.get(i).timestamp())) {
                if (m.rejection() != null) {
                    // the node refused it outright (e.g. the sender cannot cover the value): the traffic failed all the
                    // same
                    reverted++;
                    reasons.merge(m.rejection(), 1, Integer::sum);
                } else if (!succeeded(m.receipt())) {
                    failed.add(m.hash());
                }
            }
            i = end;
        }
        for (ErrorDecoder.Reason reason : revertReasons(failed)) {
            reverted++;
            reasons.merge(reason.name(), 1, Integer::sum);
        }
        return new ReplayOutcome(txs.size(), reverted, Collections.unmodifiableMap(reasons));
    }

    /**
     * Executes the actions in order from {@code executor}, each in its own block at {@code timestamp}, stopping at the
     * first revert: a timelock executes a proposal atomically, so the actions after a revert never run (they are
     * reported as not executed).
     *
     * @return the outcomes, one per action, and the hashes of the transactions that succeeded
     */
    public Execution execute(List<ProposalAction> actions, String executor, long timestamp, BigInteger gasLimit) {
        BigInteger needed = actions.stream().map(ProposalAction::value).reduce(BigInteger.ZERO, BigInteger::add);
        if (needed.signum() > 0
                && bigOf(rpc.send("eth_getBalance", executor, "latest")).compareTo(needed) < 0) {
            rpc.send("anvil_setBalance", executor, quantity(needed));
        }
        List<ActionOutcome> outcomes = new ArrayList<>();
        List<String> succeeded = new ArrayList<>();
        String failure = null;
        for (int i = 0; i < actions.size(); i++) {
            ProposalAction action = actions.get(i);
            if (failure != null) {
                outcomes.add(new ActionOutcome(action.target(), action.selector(), false, failure, 0, null));
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("from", executor);
            params.put("to", action.target());
            params.put("value", quantity(action.value()));
            params.put("data", action.calldata());
            params.put("gas", quantity(gasLimit));
            params.put("gasPrice", "0x0");
            Mined m = mine(List.of(params), timestamp).getFirst();
            if (m.rejection() != null) {
                outcomes.add(new ActionOutcome(action.target(), action.selector(), false, m.rejection(), 0, null));
                failure = "not executed: action " + (i + 1) + " failed";
                continue;
            }
            long gasUsed = bigOf(m.receipt().path("gasUsed")).longValueExact();
            if (succeeded(m.receipt())) {
                outcomes.add(new ActionOutcome(action.target(), action.selector(), true, null, gasUsed, m.hash()));
                succeeded.add(m.hash());
            } else {
                String reason = revertReasons(List.of(m.hash())).getFirst().detail();
                outcomes.add(new ActionOutcome(action.target(), action.selector(), false, reason, gasUsed, m.hash()));
                failure = "not executed: action " + (i + 1) + " reverted";
            }
        }
        return new Execution(List.copyOf(outcomes), List.copyOf(succeeded), failure == null);
    }

    /** A transaction sent for mining: its hash and receipt, or why the node did not take or mine it. */
    private record Mined(String hash, JsonNode receipt, String rejection) {}

    /** Sends the transactions to the pool, mines them in one block at {@code timestamp}, and fetches receipts. */
    private List<Mined> mine(List<Map<String, Object>> txs, long timestamp) {
        List<String> hashes = new ArrayList<>(txs.size());
        List<String> rejections = new ArrayList<>(txs.size());
        for (Map<String, Object> tx : txs) {
            try {
                hashes.add(rpc.send("eth_sendTransaction", tx).asText());
                rejections.add(null);
            } catch (RpcErrorException e) {
                hashes.add(null);
                rejections.add("rejected: " + e.rpcMessage());
            }
        }
        rpc.send("evm_setNextBlockTimestamp", timestamp);
        rpc.send("evm_mine");
        List<String> sent = hashes.stream().filter(h -> h != null).toList();
        List<RpcResult> receipts = rpc.batch(sent.stream()
                .map(h -> RpcCall.of("eth_getTransactionReceipt", h))
                .toList());
        List<Mined> mined = new ArrayList<>(txs.size());
        int r = 0;
        for (int i = 0; i < txs.size(); i++) {
            if (hashes.get(i) == null) {
                mined.add(new Mined(null, null, rejections.get(i)));
                continue;
            }
            JsonNode receipt = receipts.get(r++).orThrow();
            if (receipt == null || receipt.isNull()) {
                // left in the pool (e.g. over the block's gas limit): drop it so it cannot land in a later block
                rpc.send("anvil_dropTransaction", hashes.get(i));
                mined.add(new Mined(hashes.get(i), null, "rejected: not mined"));
            } else {
                mined.add(new Mined(hashes.get(i), receipt, null));
            }
        }
        return mined;
    }

    /**
     * What executing a proposal did.
     *
     * @param succeededTxs hashes of the actions' transactions that succeeded
     * @param allSucceeded whether the proposal as a whole executed
     */
    public record Execution(List<ActionOutcome> outcomes, List<String> succeededTxs, boolean allSucceeded) {}

    /**
     * The storage slots the transactions wrote, with their values at {@code beforeBlock} and now, keeping the slots
     * whose value differs. The prestate tracer in diff mode names the written slots; the values are read back with
     * {@code eth_getStorageAt} so a slot written twice reports its net change.
     */
    public List<StateChange> stateChanges(List<String> txHashes, long beforeBlock) {
        List<RpcCall> traces = txHashes.stream()
                .map(h -> RpcCall.of("debug_traceTransaction", h, PRESTATE_DIFF))
                .toList();
        TreeSet<List<String>> touched = new TreeSet<>((a, b) -> {
            int c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : a.get(1).compareTo(b.get(1));
        });
        for (RpcResult r : rpc.batch(traces)) {
            JsonNode diff = r.orThrow();
            for (String side : List.of("pre", "post")) {
                diff.path(side)
                        .properties()
                        .forEach(account -> account.getValue()
                                .path("storage")
                                .fieldNames()
                                .forEachRemaining(slot ->
                                        touched.add(List.of(account.getKey().toLowerCase(Locale.ROOT), word(slot)))));
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        List<RpcCall> reads = new ArrayList<>();
        for (List<String> key : touched) {
            reads.add(RpcCall.of("eth_getStorageAt", key.get(0), key.get(1), quantity(beforeBlock)));
            reads.add(RpcCall.of("eth_getStorageAt", key.get(0), key.get(1), "latest"));
        }
        List<RpcResult> values = rpc.batch(reads);
        List<StateChange> changes = new ArrayList<>();
        int i = 0;
        for (List<String> key : touched) {
            String before = word(values.get(i++).orThrow().asText());
            String after = word(values.get(i++).orThrow().asText());
            if (!before.equals(after)) {
                changes.add(new StateChange(key.get(0), key.get(1), before, after));
            }
        }
        return List.copyOf(changes);
    }

    /** Reads every probe at the latest block, in one batch; values keep the probes' order. */
    public Map<String, BigDecimal> read(List<MetricProbe> probes) {
        List<RpcCall> calls = probes.stream()
                .map(p -> RpcCall.of("eth_call", Map.of("to", p.target(), "data", p.calldata()), "latest"))
                .toList();
        List<RpcResult> results = rpc.batch(calls);
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            MetricProbe probe = probes.get(i);
            RpcResult r = results.get(i);
            if (!r.ok()) {
                String data = r.error().data().orElse(null);
                String why = data != null && data.startsWith("0x")
                        ? decoder.decode(data).detail()
                        : r.error().rpcMessage();
                throw new SimulationException("metric probe '" + probe.name() + "' failed on the fork: " + why);
            }
            String hex = r.value().asText();
            if (hex.length() < 66) {
                throw new SimulationException("metric probe '" + probe.name() + "' returned '" + hex
                        + "', not a uint256; check its target " + probe.target() + " and calldata");
            }
            BigInteger raw = new BigInteger(hex.substring(2, 66), 16);
            values.put(probe.name(), new BigDecimal(raw, probe.decimals()));
        }
        return Collections.unmodifiableMap(values);
    }

    private static boolean succeeded(JsonNode receipt) {
        return bigOf(receipt.path("status")).signum() == 1;
    }

    private List<ErrorDecoder.Reason> revertReasons(List<String> hashes) {
        List<RpcResult> traces = rpc.batch(hashes.stream()
                .map(h -> RpcCall.of("debug_traceTransaction", h, CALL_TRACER))
                .toList());
        List<ErrorDecoder.Reason> reasons = new ArrayList<>(traces.size());
        for (RpcResult r : traces) {
            JsonNode frame = r.orThrow();
            String output = frame.path("output").asText("0x");
            String error = frame.path("error").asText("");
            if (output.length() < 10 && !error.isEmpty() && !error.equals("execution reverted")) {
                reasons.add(new ErrorDecoder.Reason(error, error));
            } else {
                reasons.add(decoder.decode(output));
            }
        }
        return reasons;
    }

    private static String quantity(BigInteger n) {
        return "0x" + n.toString(16);
    }

    private static String quantity(long n) {
        return TrafficWindow.quantity(n);
    }

    /** A storage key or value as 0x + 64 lower-case hex digits. */
    static String word(String hex) {
        String digits = (hex.startsWith("0x") ? hex.substring(2) : hex).toLowerCase(Locale.ROOT);
        if (digits.length() > 64) {
            throw new IllegalArgumentException("not a 32-byte word: " + hex);
        }
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }
}
