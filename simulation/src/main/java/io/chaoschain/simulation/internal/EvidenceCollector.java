package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.decode.AbiResolver;
import io.chaoschain.simulation.decode.ContractProbe;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Executes one proposal on a prepared fork (auto-impersonation on, automine off, zero base fee) as its executor and
 * gathers the evidence the checks read: call trees ({@code callTracer}), the net state diff (accounts and slots named
 * by {@code prestateTracer} in diff mode, values read at the blocks before and after), decoded logs, ERC-20 balance
 * and allowance changes, permission events and proxy resolution.
 *
 * <p>A timelock executes a proposal atomically, so when an action reverts the later ones are not run and the fork is
 * reverted to the state before the proposal: the next proposal of a batch starts from there.
 */
public final class EvidenceCollector {
    private static final Map<String, Object> CALL_TRACER = Map.of("tracer", "callTracer");
    private static final Map<String, Object> CALL_TRACER_WITH_LOGS =
            Map.of("tracer", "callTracer", "tracerConfig", Map.of("withLog", true));
    /** CallExecuted(bytes32,uint256,address,uint256,bytes): TimelockController's record of each executed call. */
    private static final String CALL_EXECUTED =
            Hex.encode(org.web3j.crypto.Hash.sha3("CallExecuted(bytes32,uint256,address,uint256,bytes)"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    private static final Map<String, Object> PRESTATE_DIFF =
            Map.of("tracer", "prestateTracer", "tracerConfig", Map.of("diffMode", true));

    private final ChainClient fork;
    private final RpcChainReader forkReader;
    private final AbiResolver abis;
    private final ContractProbe probe;
    private final ErrorDecoder errors;
    private final BigInteger gasLimit;
    private final ForkStateReads stateReads;

    public EvidenceCollector(
            ChainClient fork, RpcChainReader forkReader, AbiResolver abis, ErrorDecoder errors, BigInteger gasLimit) {
        this.fork = fork;
        this.forkReader = forkReader;
        this.abis = abis;
        this.probe = ContractProbe.of(fork);
        this.errors = errors;
        this.gasLimit = gasLimit;
        this.stateReads = new ForkStateReads(fork, forkReader);
    }

    /** Executes {@code p} on the fork and returns what happened. */
    public SimulationEvidence execute(
            int batchIndex, ProposalUnderTest p, long forkBlock, ChainReader source, Consumer<String> progress) {
        String executor = p.executor();
        List<RpcResult> head = fork.batch(List.of(
                RpcCall.of("eth_getBlockByNumber", "latest", false), RpcCall.of("eth_getBalance", executor, "latest")));
        JsonNode latest = head.get(0).orThrow();
        long pre = TrafficWindow.bigOf(latest.path("number")).longValueExact();
        long timestamp = Math.max(TrafficWindow.bigOf(latest.path("timestamp")).longValueExact() + 1, p.eta());
        BigInteger balanceBefore = TrafficWindow.bigOf(head.get(1).orThrow());
        BigInteger needed = p.actions().stream().map(ProposalAction::value).reduce(BigInteger.ZERO, BigInteger::add);
        if (balanceBefore.compareTo(needed) < 0) {
            fork.send("anvil_setBalance", executor, "0x" + needed.toString(16));
        }
        String snapshot = fork.send("evm_snapshot").asText();

        List<String> hashes = new ArrayList<>();
        String rejection = null;
        boolean reverted = false;
        for (int i = 0; i < p.actions().size() && rejection == null && !reverted; i++) {
            ProposalAction a = p.actions().get(i);
            progress.accept("executing action " + (i + 1) + "/" + p.actions().size() + " on " + a.target());
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("from", executor);
            tx.put("to", a.target());
            tx.put("value", "0x" + a.value().toString(16));
            tx.put("data", a.calldata());
            tx.put("gas", "0x" + gasLimit.toString(16));
            tx.put("gasPrice", "0x0");
            String hash;
            try {
                hash = fork.send("eth_sendTransaction", tx).asText();
            } catch (RpcErrorException e) {
                rejection = "rejected: " + e.rpcMessage();
                break;
            }
            fork.send("evm_setNextBlockTimestamp", timestamp + i);
            fork.send("evm_mine");
            JsonNode receipt = fork.send("eth_getTransactionReceipt", hash);
            if (receipt == null || receipt.isNull()) {
                fork.send("anvil_dropTransaction", hash);
                rejection = "rejected: not mined (gas above the block limit?)";
                break;
            }
            hashes.add(hash);
            reverted = TrafficWindow.bigOf(receipt.path("status")).signum() == 0;
        }
        SimulationEvidence evidence =
                fromTransactions(batchIndex, p, forkBlock, pre, balanceBefore, hashes, rejection, source);
        if (!evidence.executed()) {
            // atomic: discard what the earlier actions did, as the timelock's revert would
            if (!fork.send("evm_revert", snapshot).asBoolean()) {
                throw new IllegalStateException("the fork refused to revert to snapshot " + snapshot);
            }
        }
        return evidence;
    }

    /**
     * Builds the evidence of a proposal whose actions were already sent and mined on the fork (one transaction per
     * action, in order), e.g. by the agent's simulator. Does not revert anything.
     *
     * @param pre the block before the first action
     * @param balanceBefore the executor's ETH before any top-up
     * @param hashes the mined actions' transactions, in order (the last may have reverted)
     * @param rejection why the action after the last hash was not mined, or null
     */
    public SimulationEvidence fromTransactions(
            int batchIndex,
            ProposalUnderTest p,
            long forkBlock,
            long pre,
            BigInteger balanceBefore,
            List<String> hashes,
            String rejection,
            ChainReader source) {
        List<JsonNode> receipts = new ArrayList<>();
        List<Long> blocks = new ArrayList<>();
        boolean reverted = false;
        for (RpcResult r : fork.batch(hashes.stream()
                .map(h -> RpcCall.of("eth_getTransactionReceipt", h))
                .toList())) {
            JsonNode receipt = r.orThrow();
            receipts.add(receipt);
            blocks.add(TrafficWindow.bigOf(receipt.path("blockNumber")).longValueExact());
            reverted |= TrafficWindow.bigOf(receipt.path("status")).signum() == 0;
        }
        boolean success = rejection == null && !reverted;

        List<RpcCall> traceCalls = new ArrayList<>();
        for (String h : hashes) {
            traceCalls.add(RpcCall.of("debug_traceTransaction", h, CALL_TRACER));
            if (success) {
                traceCalls.add(RpcCall.of("debug_traceTransaction", h, PRESTATE_DIFF));
            }
        }
        List<RpcResult> traced = fork.batch(traceCalls);
        List<CallFrame> frames = new ArrayList<>();
        List<JsonNode> diffs = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < hashes.size(); i++) {
            frames.add(frame(traced.get(k++).orThrow(), 0));
            if (success) {
                diffs.add(traced.get(k++).orThrow());
            }
        }

        List<ActionExecution> actions = new ArrayList<>();
        for (int i = 0; i < p.actions().size(); i++) {
            ProposalAction a = p.actions().get(i);
            var decoded = abis.decodeCall(a, probe);
            if (i < hashes.size()) {
                JsonNode r = receipts.get(i);
                boolean ok = TrafficWindow.bigOf(r.path("status")).signum() == 1;
                String reason = ok ? null : revertReason(frames.get(i));
                actions.add(new ActionExecution(
                        i,
                        a,
                        decoded,
                        true,
                        ok,
                        reason,
                        TrafficWindow.bigOf(r.path("gasUsed")).longValueExact(),
                        hashes.get(i),
                        blocks.get(i),
                        frames.get(i)));
            } else if (i == hashes.size() && rejection != null) {
                actions.add(new ActionExecution(i, a, decoded, true, false, rejection, 0, null, -1, null));
            } else {
                actions.add(new ActionExecution(
                        i, a, decoded, false, false, "not executed: an earlier action failed", 0, null, -1, null));
            }
        }

        long post = blocks.isEmpty() ? pre : blocks.getLast();
        List<DecodedLog> logs = new ArrayList<>();
        for (int i = 0; success && i < receipts.size(); i++) {
            for (JsonNode log : receipts.get(i).path("logs")) {
                logs.add(decodeLog(i, log));
            }
        }
        return assemble(
                batchIndex, p, forkBlock, pre, post, balanceBefore, actions, frames, diffs, logs, success, source);
    }

    private DecodedLog decodeLog(int action, JsonNode log) {
        List<String> topics = new ArrayList<>();
        log.path("topics").forEach(t -> topics.add(t.asText().toLowerCase(Locale.ROOT)));
        return abis.decodeLog(
                action,
                log.path("address").asText().toLowerCase(Locale.ROOT),
                topics,
                log.path("data").asText("0x").toLowerCase(Locale.ROOT));
    }

    /**
     * Builds the evidence of a proposal executed through its governor: one {@code Governor.execute} transaction in
     * which the executor (the timelock, or the governor itself) calls each action. Each action's record is the call
     * frame from the executor to its target (depths counted from that frame), its gas that frame's gas; the logs are
     * split between the actions by the logs their frames emitted, leaving out the timelock's {@code CallExecuted}
     * bookkeeping; the state diff is that of the whole transaction. Does not revert anything.
     *
     * @param pre the block before the execute transaction
     */
    public SimulationEvidence fromGovernorExecution(
            int batchIndex,
            ProposalUnderTest p,
            long forkBlock,
            long pre,
            BigInteger balanceBefore,
            String hash,
            ChainReader source) {
        JsonNode receipt = fork.send("eth_getTransactionReceipt", hash);
        long block = TrafficWindow.bigOf(receipt.path("blockNumber")).longValueExact();
        boolean txOk = TrafficWindow.bigOf(receipt.path("status")).signum() == 1;
        List<RpcCall> traceCalls = new ArrayList<>();
        traceCalls.add(RpcCall.of("debug_traceTransaction", hash, CALL_TRACER_WITH_LOGS));
        if (txOk) {
            traceCalls.add(RpcCall.of("debug_traceTransaction", hash, PRESTATE_DIFF));
        }
        List<RpcResult> traced = fork.batch(traceCalls);
        JsonNode top = traced.get(0).orThrow();
        List<JsonNode> diffs = txOk ? List.of(traced.get(1).orThrow()) : List.of();
        String executor = p.executor().toLowerCase(Locale.ROOT);
        JsonNode[] matched = new JsonNode[p.actions().size()];
        int[] next = {0};
        matchActions(top, p.actions(), executor, matched, next);

        List<ActionExecution> actions = new ArrayList<>();
        List<CallFrame> frames = new ArrayList<>();
        List<Integer> logCounts = new ArrayList<>();
        String failure = null;
        for (int i = 0; i < p.actions().size(); i++) {
            ProposalAction a = p.actions().get(i);
            var decoded = abis.decodeCall(a, probe);
            if (failure != null) {
                actions.add(new ActionExecution(i, a, decoded, false, false, failure, 0, null, -1, null));
                continue;
            }
            if (matched[i] == null) {
                if (txOk) {
                    actions.add(new ActionExecution(i, a, decoded, true, true, null, 0, hash, block, null));
                    logCounts.add(0);
                } else {
                    actions.add(new ActionExecution(
                            i,
                            a,
                            decoded,
                            true,
                            false,
                            "Governor.execute reverted: " + revertReason(frame(top, 0)),
                            0,
                            hash,
                            block,
                            null));
                    failure = "not executed: an earlier action failed";
                }
                continue;
            }
            CallFrame f = frame(matched[i], 0);
            frames.add(f);
            logCounts.add(countLogs(matched[i]));
            if (f.failed()) {
                actions.add(
                        new ActionExecution(i, a, decoded, true, false, revertReason(f), f.gasUsed(), hash, block, f));
                failure = "not executed: an earlier action failed";
            } else if (!txOk && i == p.actions().size() - 1) {
                actions.add(new ActionExecution(
                        i,
                        a,
                        decoded,
                        true,
                        false,
                        "Governor.execute reverted after the actions: " + revertReason(frame(top, 0)),
                        f.gasUsed(),
                        hash,
                        block,
                        f));
            } else {
                actions.add(new ActionExecution(i, a, decoded, true, true, null, f.gasUsed(), hash, block, f));
            }
        }
        List<DecodedLog> logs = new ArrayList<>();
        if (txOk) {
            List<JsonNode> receiptLogs = new ArrayList<>();
            receipt.path("logs").forEach(receiptLogs::add);
            int cursor = 0;
            for (int i = 0; i < logCounts.size(); i++) {
                for (int k = 0; k < logCounts.get(i) && cursor < receiptLogs.size(); k++) {
                    logs.add(decodeLog(i, receiptLogs.get(cursor++)));
                }
                while (cursor < receiptLogs.size() && isCallExecuted(receiptLogs.get(cursor), executor)) {
                    cursor++;
                }
            }
        }
        return assemble(
                batchIndex, p, forkBlock, pre, block, balanceBefore, actions, frames, diffs, logs, txOk, source);
    }

    /** Finds, depth-first, the executor's calls that carry each action in turn (an action's own sub-calls skipped). */
    private static void matchActions(
            JsonNode node, List<ProposalAction> actions, String executor, JsonNode[] matched, int[] next) {
        if (next[0] >= actions.size()) {
            return;
        }
        ProposalAction a = actions.get(next[0]);
        BigInteger value = node.hasNonNull("value") ? TrafficWindow.bigOf(node.get("value")) : BigInteger.ZERO;
        if (executor.equals(node.path("from").asText().toLowerCase(Locale.ROOT))
                && a.target().equalsIgnoreCase(node.path("to").asText())
                && a.calldata().equalsIgnoreCase(node.path("input").asText())
                && a.value().equals(value)
                && node.path("type").asText("CALL").equalsIgnoreCase("CALL")) {
            matched[next[0]++] = node;
            return;
        }
        for (JsonNode c : node.path("calls")) {
            matchActions(c, actions, executor, matched, next);
        }
    }

    /** Logs that stayed in the receipt: those of frames that did not revert, nor any frame above them. */
    private static int countLogs(JsonNode node) {
        if (node.hasNonNull("error")) {
            return 0;
        }
        int n = node.path("logs").size();
        for (JsonNode c : node.path("calls")) {
            n += countLogs(c);
        }
        return n;
    }

    private static boolean isCallExecuted(JsonNode log, String executor) {
        JsonNode topics = log.path("topics");
        return executor.equals(log.path("address").asText().toLowerCase(Locale.ROOT))
                && topics.size() > 0
                && CALL_EXECUTED.equals(topics.get(0).asText().toLowerCase(Locale.ROOT));
    }

    private SimulationEvidence assemble(
            int batchIndex,
            ProposalUnderTest p,
            long forkBlock,
            long pre,
            long post,
            BigInteger balanceBefore,
            List<ActionExecution> actions,
            List<CallFrame> frames,
            List<JsonNode> diffs,
            List<DecodedLog> logs,
            boolean success,
            ChainReader source) {
        if (!success) {
            RpcChainReader view = forkReader.around(forkBlock, pre, pre, source);
            return new SimulationEvidence(
                    batchIndex,
                    p,
                    actions,
                    Map.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    stateReads.proxies(touched(p, frames), view),
                    balanceBefore,
                    view,
                    source);
        }
        RpcChainReader view = forkReader.around(forkBlock, pre, post, source);
        Map<String, AccountDiff> stateDiff = stateReads.stateDiff(diffs, pre, post);
        return new SimulationEvidence(
                batchIndex,
                p,
                actions,
                stateDiff,
                logs,
                stateReads.tokenDeltas(logs, pre, post),
                PermissionEvents.from(logs),
                stateReads.proxies(touched(p, frames), view),
                balanceBefore,
                view,
                source);
    }

    private String revertReason(CallFrame top) {
        if (top.output().length() < 10 && top.error() != null && !top.error().equals("execution reverted")) {
            return top.error();
        }
        return errors.decode(top.output()).detail();
    }

    static CallFrame frame(JsonNode node, int depth) {
        List<CallFrame> calls = new ArrayList<>();
        for (JsonNode c : node.path("calls")) {
            calls.add(frame(c, depth + 1));
        }
        String to = node.hasNonNull("to") ? node.get("to").asText().toLowerCase(Locale.ROOT) : null;
        return new CallFrame(
                node.path("type").asText("CALL").toUpperCase(Locale.ROOT),
                node.path("from").asText().toLowerCase(Locale.ROOT),
                to,
                node.path("input").asText("0x"),
                node.path("output").asText("0x"),
                node.hasNonNull("value") ? TrafficWindow.bigOf(node.get("value")) : BigInteger.ZERO,
                node.hasNonNull("gasUsed")
                        ? TrafficWindow.bigOf(node.get("gasUsed")).longValue()
                        : 0,
                node.hasNonNull("error") ? node.get("error").asText() : null,
                calls,
                depth);
    }

    private static Set<String> touched(ProposalUnderTest p, List<CallFrame> frames) {
        Set<String> touched = new LinkedHashSet<>();
        p.actions().forEach(a -> touched.add(a.target()));
        frames.forEach(f -> f.walk(c -> {
            if (c.to() != null) {
                touched.add(c.to());
            }
        }));
        return touched;
    }
}
