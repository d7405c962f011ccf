package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.decode.AbiRegistry;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import io.chaoschain.simulation.internal.RpcClient.Call;
import io.chaoschain.simulation.internal.RpcClient.Result;
import io.chaoschain.simulation.internal.RpcClient.RpcError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  private static final String CALL_EXECUTED = Hex.encode(org.web3j.crypto.Hash.sha3(
      "CallExecuted(bytes32,uint256,address,uint256,bytes)".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  private static final Map<String, Object> PRESTATE_DIFF =
      Map.of("tracer", "prestateTracer", "tracerConfig", Map.of("diffMode", true));
  static final String IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
  static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
  static final String BEACON_SLOT = "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582cfb5ca23e";
  private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

  private final RpcClient fork;
  private final RpcChainReader forkReader;
  private final AbiRegistry abis;
  private final ErrorDecoder errors;
  private final BigInteger gasLimit;

  public EvidenceCollector(RpcClient fork, RpcChainReader forkReader, AbiRegistry abis, ErrorDecoder errors,
      BigInteger gasLimit) {
    this.fork = fork;
    this.forkReader = forkReader;
    this.abis = abis;
    this.errors = errors;
    this.gasLimit = gasLimit;
  }

  /** Executes {@code p} on the fork and returns what happened. */
  public SimulationEvidence execute(int batchIndex, ProposalUnderTest p, long forkBlock, ChainReader source,
      Consumer<String> progress) {
    String executor = p.executor();
    List<Result> head = fork.batch(List.of(Call.of("eth_getBlockByNumber", "latest", false),
        Call.of("eth_getBalance", executor, "latest")));
    JsonNode latest = head.get(0).orThrow();
    long pre = TrafficWindow.bigOf(latest.path("number")).longValueExact();
    long timestamp = Math.max(TrafficWindow.bigOf(latest.path("timestamp")).longValueExact() + 1, p.eta());
    BigInteger balanceBefore = TrafficWindow.bigOf(head.get(1).orThrow());
    BigInteger needed = p.actions().stream().map(ProposalAction::value).reduce(BigInteger.ZERO, BigInteger::add);
    if (balanceBefore.compareTo(needed) < 0) {
      fork.call("anvil_setBalance", executor, "0x" + needed.toString(16));
    }
    String snapshot = fork.call("evm_snapshot").asText();

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
        hash = fork.call("eth_sendTransaction", tx).asText();
      } catch (RpcError e) {
        rejection = "rejected: " + e.nodeMessage();
        break;
      }
      fork.call("evm_setNextBlockTimestamp", timestamp + i);
      fork.call("evm_mine");
      JsonNode receipt = fork.call("eth_getTransactionReceipt", hash);
      if (receipt == null || receipt.isNull()) {
        fork.call("anvil_dropTransaction", hash);
        rejection = "rejected: not mined (gas above the block limit?)";
        break;
      }
      hashes.add(hash);
      reverted = TrafficWindow.bigOf(receipt.path("status")).signum() == 0;
    }
    SimulationEvidence evidence = fromTransactions(batchIndex, p, forkBlock, pre, balanceBefore, hashes, rejection,
        source);
    if (!evidence.executed()) {
      // atomic: discard what the earlier actions did, as the timelock's revert would
      if (!fork.call("evm_revert", snapshot).asBoolean()) {
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
  public SimulationEvidence fromTransactions(int batchIndex, ProposalUnderTest p, long forkBlock, long pre,
      BigInteger balanceBefore, List<String> hashes, String rejection, ChainReader source) {
    List<JsonNode> receipts = new ArrayList<>();
    List<Long> blocks = new ArrayList<>();
    boolean reverted = false;
    for (Result r : fork.batch(hashes.stream().map(h -> Call.of("eth_getTransactionReceipt", h)).toList())) {
      JsonNode receipt = r.orThrow();
      receipts.add(receipt);
      blocks.add(TrafficWindow.bigOf(receipt.path("blockNumber")).longValueExact());
      reverted |= TrafficWindow.bigOf(receipt.path("status")).signum() == 0;
    }
    boolean success = rejection == null && !reverted;

    List<Call> traceCalls = new ArrayList<>();
    for (String h : hashes) {
      traceCalls.add(Call.of("debug_traceTransaction", h, CALL_TRACER));
      if (success) {
        traceCalls.add(Call.of("debug_traceTransaction", h, PRESTATE_DIFF));
      }
    }
    List<Result> traced = fork.batch(traceCalls);
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
      var decoded = abis.decodeCall(a.calldata());
      if (i < hashes.size()) {
        JsonNode r = receipts.get(i);
        boolean ok = TrafficWindow.bigOf(r.path("status")).signum() == 1;
        String reason = ok ? null : revertReason(frames.get(i));
        actions.add(new ActionExecution(i, a, decoded, true, ok, reason,
            TrafficWindow.bigOf(r.path("gasUsed")).longValueExact(), hashes.get(i), blocks.get(i), frames.get(i)));
      } else if (i == hashes.size() && rejection != null) {
        actions.add(new ActionExecution(i, a, decoded, true, false, rejection, 0, null, -1, null));
      } else {
        actions.add(new ActionExecution(i, a, decoded, false, false, "not executed: an earlier action failed", 0,
            null, -1, null));
      }
    }

    long post = blocks.isEmpty() ? pre : blocks.getLast();
    List<DecodedLog> logs = new ArrayList<>();
    for (int i = 0; success && i < receipts.size(); i++) {
      for (JsonNode log : receipts.get(i).path("logs")) {
        logs.add(decodeLog(i, log));
      }
    }
    return assemble(batchIndex, p, forkBlock, pre, post, balanceBefore, actions, frames, diffs, logs, success,
        source);
  }

  private DecodedLog decodeLog(int action, JsonNode log) {
    List<String> topics = new ArrayList<>();
    log.path("topics").forEach(t -> topics.add(t.asText().toLowerCase(Locale.ROOT)));
    return abis.decodeLog(action, log.path("address").asText().toLowerCase(Locale.ROOT), topics,
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
  public SimulationEvidence fromGovernorExecution(int batchIndex, ProposalUnderTest p, long forkBlock, long pre,
      BigInteger balanceBefore, String hash, ChainReader source) {
    JsonNode receipt = fork.call("eth_getTransactionReceipt", hash);
    long block = TrafficWindow.bigOf(receipt.path("blockNumber")).longValueExact();
    boolean txOk = TrafficWindow.bigOf(receipt.path("status")).signum() == 1;
    List<Call> traceCalls = new ArrayList<>();
    traceCalls.add(Call.of("debug_traceTransaction", hash, CALL_TRACER_WITH_LOGS));
    if (txOk) {
      traceCalls.add(Call.of("debug_traceTransaction", hash, PRESTATE_DIFF));
    }
    List<Result> traced = fork.batch(traceCalls);
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
      var decoded = abis.decodeCall(a.calldata());
      if (failure != null) {
        actions.add(new ActionExecution(i, a, decoded, false, false, failure, 0, null, -1, null));
        continue;
      }
      if (matched[i] == null) {
        if (txOk) {
          actions.add(new ActionExecution(i, a, decoded, true, true, null, 0, hash, block, null));
          logCounts.add(0);
        } else {
          actions.add(new ActionExecution(i, a, decoded, true, false, "Governor.execute reverted: "
              + revertReason(frame(top, 0)), 0, hash, block, null));
          failure = "not executed: an earlier action failed";
        }
        continue;
      }
      CallFrame f = frame(matched[i], 0);
      frames.add(f);
      logCounts.add(countLogs(matched[i]));
      if (f.failed()) {
        actions.add(new ActionExecution(i, a, decoded, true, false, revertReason(f), f.gasUsed(), hash, block, f));
        failure = "not executed: an earlier action failed";
      } else if (!txOk && i == p.actions().size() - 1) {
        actions.add(new ActionExecution(i, a, decoded, true, false, "Governor.execute reverted after the actions: "
            + revertReason(frame(top, 0)), f.gasUsed(), hash, block, f));
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
    return assemble(batchIndex, p, forkBlock, pre, block, balanceBefore, actions, frames, diffs, logs, txOk,
        source);
  }

  /** Finds, depth-first, the executor's calls that carry each action in turn (an action's own sub-calls skipped). */
  private static void matchActions(JsonNode node, List<ProposalAction> actions, String executor, JsonNode[] matched,
      int[] next) {
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
    return executor.equals(log.path("address").asText().toLowerCase(Locale.ROOT)) && topics.size() > 0
        && CALL_EXECUTED.equals(topics.get(0).asText().toLowerCase(Locale.ROOT));
  }

  private SimulationEvidence assemble(int batchIndex, ProposalUnderTest p, long forkBlock, long pre, long post,
      BigInteger balanceBefore, List<ActionExecution> actions, List<CallFrame> frames, List<JsonNode> diffs,
      List<DecodedLog> logs, boolean success, ChainReader source) {
    if (!success) {
      RpcChainReader view = forkReader.around(forkBlock, pre, pre);
      return new SimulationEvidence(batchIndex, p, actions, Map.of(), List.of(), List.of(), List.of(),
          proxies(touched(p, frames), view), balanceBefore, view, source);
    }
    RpcChainReader view = forkReader.around(forkBlock, pre, post);
    Map<String, AccountDiff> stateDiff = stateDiff(diffs, pre, post);
    return new SimulationEvidence(batchIndex, p, actions, stateDiff, logs, tokenDeltas(logs, pre, post),
        permissions(logs), proxies(touched(p, frames), view), balanceBefore, view, source);
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
    return new CallFrame(node.path("type").asText("CALL").toUpperCase(Locale.ROOT),
        node.path("from").asText().toLowerCase(Locale.ROOT), to, node.path("input").asText("0x"),
        node.path("output").asText("0x"), node.hasNonNull("value") ? TrafficWindow.bigOf(node.get("value"))
        : BigInteger.ZERO, node.hasNonNull("gasUsed") ? TrafficWindow.bigOf(node.get("gasUsed")).longValue() : 0,
        node.hasNonNull("error") ? node.get("error").asText() : null, calls, depth);
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

  /** Net changes of the accounts and slots the prestate diffs name, read at {@code pre} and {@code post}. */
  private Map<String, AccountDiff> stateDiff(List<JsonNode> diffs, long pre, long post) {
    Map<String, TreeSet<String>> slots = new TreeMap<>();
    for (JsonNode diff : diffs) {
      for (String side : List.of("pre", "post")) {
        diff.path(side).properties().forEach(acc -> {
          TreeSet<String> s = slots.computeIfAbsent(acc.getKey().toLowerCase(Locale.ROOT), x -> new TreeSet<>());
          acc.getValue().path("storage").fieldNames().forEachRemaining(slot -> s.add(ForkSession.word(slot)));
        });
      }
    }
    List<Call> reads = new ArrayList<>();
    String preTag = RpcChainReader.tag(pre);
    String postTag = RpcChainReader.tag(post);
    for (var e : slots.entrySet()) {
      String a = e.getKey();
      reads.add(Call.of("eth_getBalance", a, preTag));
      reads.add(Call.of("eth_getBalance", a, postTag));
      reads.add(Call.of("eth_getTransactionCount", a, preTag));
      reads.add(Call.of("eth_getTransactionCount", a, postTag));
      reads.add(Call.of("eth_getCode", a, preTag));
      reads.add(Call.of("eth_getCode", a, postTag));
      for (String slot : e.getValue()) {
        reads.add(Call.of("eth_getStorageAt", a, slot, preTag));
        reads.add(Call.of("eth_getStorageAt", a, slot, postTag));
      }
    }
    List<Result> values = fork.batch(reads);
    Map<String, AccountDiff> out = new TreeMap<>();
    int i = 0;
    for (var e : slots.entrySet()) {
      String a = e.getKey();
      BigInteger b0 = TrafficWindow.bigOf(values.get(i++).orThrow());
      BigInteger b1 = TrafficWindow.bigOf(values.get(i++).orThrow());
      long n0 = TrafficWindow.bigOf(values.get(i++).orThrow()).longValueExact();
      long n1 = TrafficWindow.bigOf(values.get(i++).orThrow()).longValueExact();
      String c0 = values.get(i++).orThrow().asText();
      String c1 = values.get(i++).orThrow().asText();
      forkReader.remember(a, pre, c0);
      forkReader.remember(a, post, c1);
      Map<String, AccountDiff.SlotChange> changed = new TreeMap<>();
      for (String slot : e.getValue()) {
        String v0 = ForkSession.word(values.get(i++).orThrow().asText());
        String v1 = ForkSession.word(values.get(i++).orThrow().asText());
        if (!v0.equals(v1)) {
          changed.put(slot, new AccountDiff.SlotChange(v0, v1));
        }
      }
      String h0 = Bytecode.codeHash(c0);
      String h1 = Bytecode.codeHash(c1);
      if (!b0.equals(b1) || n0 != n1 || !h0.equals(h1) || !changed.isEmpty()) {
        out.put(a, new AccountDiff(a, b0, b1, n0, n1, h0, h1, changed));
      }
    }
    return out;
  }

  /** ERC-20 balances of every Transfer party and allowances of every Approval pair, before and after. */
  private List<TokenDelta> tokenDeltas(List<DecodedLog> logs, long pre, long post) {
    Set<List<String>> balances = new LinkedHashSet<>();
    Set<List<String>> allowances = new LinkedHashSet<>();
    for (DecodedLog log : logs) {
      if ("Transfer(address,address,uint256)".equals(log.signature()) && log.topics().size() == 3) {
        for (String holder : List.of(log.arg("from"), log.arg("to"))) {
          if (!holder.equals(ZERO_ADDRESS)) {
            balances.add(List.of(log.address(), holder));
          }
        }
      } else if ("Approval(address,address,uint256)".equals(log.signature()) && log.topics().size() == 3) {
        allowances.add(List.of(log.address(), log.arg("owner"), log.arg("spender")));
      }
    }
    List<Call> calls = new ArrayList<>();
    for (List<String> b : balances) {
      String data = Hex.functionSelector("balanceOf(address)") + pad(b.get(1));
      calls.add(Call.of("eth_call", Map.of("to", b.get(0), "data", data), RpcChainReader.tag(pre)));
      calls.add(Call.of("eth_call", Map.of("to", b.get(0), "data", data), RpcChainReader.tag(post)));
    }
    for (List<String> a : allowances) {
      String data = Hex.functionSelector("allowance(address,address)") + pad(a.get(1)) + pad(a.get(2));
      calls.add(Call.of("eth_call", Map.of("to", a.get(0), "data", data), RpcChainReader.tag(pre)));
      calls.add(Call.of("eth_call", Map.of("to", a.get(0), "data", data), RpcChainReader.tag(post)));
    }
    List<Result> results = fork.batch(calls);
    List<TokenDelta> out = new ArrayList<>();
    int i = 0;
    for (List<String> b : balances) {
      BigInteger v0 = uint(results.get(i++));
      BigInteger v1 = uint(results.get(i++));
      if (v0 != null && v1 != null && !v0.equals(v1)) {
        out.add(new TokenDelta(TokenDelta.Kind.BALANCE, b.get(0), b.get(1), null, v0, v1));
      }
    }
    for (List<String> a : allowances) {
      BigInteger v0 = uint(results.get(i++));
      BigInteger v1 = uint(results.get(i++));
      if (v0 != null && v1 != null && !v0.equals(v1)) {
        out.add(new TokenDelta(TokenDelta.Kind.ALLOWANCE, a.get(0), a.get(1), a.get(2), v0, v1));
      }
    }
    return out;
  }

  private static BigInteger uint(Result r) {
    if (!r.ok()) {
      return null;
    }
    String hex = r.value().asText();
    return hex.length() < 66 ? null : new BigInteger(hex.substring(2, 66), 16);
  }

  private static String pad(String address) {
    return "0".repeat(24) + address.substring(2);
  }

  static List<PermissionChange> permissions(List<DecodedLog> logs) {
    List<PermissionChange> out = new ArrayList<>();
    for (DecodedLog l : logs) {
      if (!l.known()) {
        continue;
      }
      int i = l.actionIndex();
      String c = l.address();
      PermissionChange p = switch (l.signature()) {
        case "OwnershipTransferred(address,address)" -> new PermissionChange(i, c,
            PermissionChange.Kind.OWNERSHIP_TRANSFERRED, null, l.arg("newOwner"), l.arg("previousOwner"));
        case "OwnershipTransferStarted(address,address)" -> new PermissionChange(i, c,
            PermissionChange.Kind.OWNERSHIP_TRANSFER_STARTED, null, l.arg("newOwner"), l.arg("previousOwner"));
        case "RoleGranted(bytes32,address,address)" -> new PermissionChange(i, c, PermissionChange.Kind.ROLE_GRANTED,
            l.arg("role"), l.arg("account"), null);
        case "RoleRevoked(bytes32,address,address)" -> new PermissionChange(i, c, PermissionChange.Kind.ROLE_REVOKED,
            l.arg("role"), l.arg("account"), null);
        case "RoleAdminChanged(bytes32,bytes32,bytes32)" -> new PermissionChange(i, c,
            PermissionChange.Kind.ROLE_ADMIN_CHANGED, l.arg("role"), l.arg("newAdminRole"),
            l.arg("previousAdminRole"));
        case "Upgraded(address)" -> new PermissionChange(i, c, PermissionChange.Kind.IMPLEMENTATION_UPGRADED, null,
            l.arg("implementation"), null);
        case "AdminChanged(address,address)" -> new PermissionChange(i, c, PermissionChange.Kind.PROXY_ADMIN_CHANGED,
            null, l.arg("newAdmin"), l.arg("previousAdmin"));
        case "BeaconUpgraded(address)" -> new PermissionChange(i, c, PermissionChange.Kind.BEACON_UPGRADED, null,
            l.arg("beacon"), null);
        case "TimelockChange(address,address)" -> new PermissionChange(i, c, PermissionChange.Kind.TIMELOCK_CHANGED,
            null, l.arg("newTimelock"), l.arg("oldTimelock"));
        case "MinDelayChange(uint256,uint256)" -> new PermissionChange(i, c,
            PermissionChange.Kind.TIMELOCK_DELAY_CHANGED, null, l.arg("newDuration"), l.arg("oldDuration"));
        default -> null;
      };
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** EIP-1967 slots (implementation, admin, beacon) and EIP-1167 code of each address, before and after. */
  private Map<String, ProxyInfo> proxies(Set<String> addresses, RpcChainReader view) {
    long pre = view.preBlock();
    long post = view.postBlock();
    List<String> list = List.copyOf(addresses);
    List<Call> reads = new ArrayList<>();
    List<boolean[]> needCode = new ArrayList<>();
    for (String a : list) {
      for (String slot : List.of(IMPLEMENTATION_SLOT, ADMIN_SLOT, BEACON_SLOT)) {
        reads.add(Call.of("eth_getStorageAt", a, slot, RpcChainReader.tag(pre)));
        reads.add(Call.of("eth_getStorageAt", a, slot, RpcChainReader.tag(post)));
      }
      boolean[] need = {!forkReader.knowsCode(a, pre), post != pre && !forkReader.knowsCode(a, post)};
      needCode.add(need);
      if (need[0]) {
        reads.add(Call.of("eth_getCode", a, RpcChainReader.tag(pre)));
      }
      if (need[1]) {
        reads.add(Call.of("eth_getCode", a, RpcChainReader.tag(post)));
      }
    }
    List<Result> r = fork.batch(reads);
    Map<String, ProxyInfo> out = new TreeMap<>();
    int i = 0;
    for (String a : list) {
      String impl0 = addressOf(r.get(i++));
      String impl1 = addressOf(r.get(i++));
      String admin0 = addressOf(r.get(i++));
      String admin1 = addressOf(r.get(i++));
      String beacon0 = addressOf(r.get(i++));
      String beacon1 = addressOf(r.get(i++));
      boolean[] need = needCode.get(list.indexOf(a));
      if (need[0]) {
        forkReader.remember(a, pre, r.get(i++).orThrow().asText());
      }
      if (need[1]) {
        forkReader.remember(a, post, r.get(i++).orThrow().asText());
      }
      var m0 = Bytecode.minimalProxyTarget(forkReader.code(a, pre));
      var m1 = Bytecode.minimalProxyTarget(forkReader.code(a, post));
      if (m0.isPresent() || m1.isPresent()) {
        out.put(a, new ProxyInfo(a, ProxyInfo.Kind.EIP1167, m0.orElse(null), m1.orElse(null), null, null, null));
      } else if (beacon0 != null || beacon1 != null) {
        out.put(a, new ProxyInfo(a, ProxyInfo.Kind.EIP1967_BEACON, beaconImpl(beacon0, pre),
            beaconImpl(beacon1, post), admin0, admin1, beacon1));
      } else if (impl0 != null || impl1 != null) {
        out.put(a, new ProxyInfo(a, ProxyInfo.Kind.EIP1967, impl0, impl1, admin0, admin1, null));
      }
    }
    return out;
  }

  private String beaconImpl(String beacon, long block) {
    if (beacon == null) {
      return null;
    }
    try {
      String out = forkReader.call(beacon, Hex.functionSelector("implementation()"), block);
      return out.length() >= 66 ? "0x" + out.substring(26, 66) : null;
    } catch (RpcError e) {
      return null;
    }
  }

  private static String addressOf(Result r) {
    String word = ForkSession.word(r.orThrow().asText());
    String a = "0x" + word.substring(26);
    return a.equals(ZERO_ADDRESS) ? null : a;
  }
}
