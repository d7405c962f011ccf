package io.chaoschain.simulation.internal;

import static io.chaoschain.simulation.internal.TrafficWindow.bigOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainUnavailableException;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * Drives an OpenZeppelin Governor proposal through its real governance path on a prepared fork (auto-impersonation,
 * automine off, zero base fee): {@code propose} for a draft, votes FOR from the largest delegates until quorum and
 * majority, {@code queue} when the governor needs it, time moved past the eta, then {@code execute}. Only then do
 * actions that are {@code onlyGovernance} on the governor itself (quorum, voting period, threshold, relay, timelock
 * updates) run as they would on chain: OpenZeppelin's {@code _checkGovernance} accepts only calls that
 * {@code Governor.execute} announced.
 *
 * <p>When the path cannot be walked (no OpenZeppelin Governor, too little voting power found, a proposal that is
 * already executed, defeated or canceled, a governance step that reverts) the fork is put back as it was and the
 * caller falls back to executing the actions directly as the executor.
 *
 * <p>Every block's timestamp is derived from the previous block's, never from the wall clock, so a run is
 * reproducible.
 */
public final class GovernorPath {
    private static final String DELEGATE_VOTES_CHANGED =
            Hex.encode(Hash.sha3("DelegateVotesChanged(address,uint256,uint256)".getBytes(StandardCharsets.US_ASCII)));
    private static final long LOG_CHUNK = 10_000;
    private static final int MAX_CHUNKS = 50;
    private static final long BLOCK_SECONDS = 12;
    /** Proposes and executes when no delegate is needed (threshold 0): an address nobody holds a key for. */
    static final String SIMULATOR = "0x00000000000000000000000000000000c4a05100";

    private static final String[] STATES = {
        "Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"
    };

    private final ChainClient fork;
    private final ErrorDecoder errors;
    private final BigInteger gasLimit;

    public GovernorPath(ChainClient fork, ErrorDecoder errors, BigInteger gasLimit) {
        this.fork = fork;
        this.errors = errors;
        this.gasLimit = gasLimit;
    }

    /** What trying the governance path gave. */
    public sealed interface Outcome {}

    /**
     * {@code Governor.execute} was sent and mined (it may have reverted).
     *
     * @param executeTx the execute transaction
     * @param preBlock the block before it
     * @param executorBalanceBefore the executor's ETH before the simulator topped it up
     * @param snapshot a fork snapshot from before the first governance step, to undo everything if it reverted
     */
    public record Executed(String executeTx, long preBlock, BigInteger executorBalanceBefore, String snapshot)
            implements Outcome {}

    /** The path could not be walked; the fork is as it was. */
    public record Unavailable(String reason) implements Outcome {}

    /** Walks the governance path for {@code p}, which must name a governor. */
    public Outcome run(ProposalUnderTest p, Consumer<String> progress) {
        String governor = p.governor();
        if (p.kind() == ProposalUnderTest.Kind.GOVERNOR_BRAVO) {
            return new Unavailable("GovernorBravo proposals are executed by its timelock directly");
        }
        String snapshot = fork.send("evm_snapshot").asText();
        try {
            Outcome o = walk(p, governor, snapshot, progress);
            if (o instanceof Unavailable) {
                undo(snapshot);
            }
            return o;
        } catch (ChainUnavailableException e) {
            throw e; // the fork is gone: nothing to fall back to
        } catch (RuntimeException e) {
            // a governor that answers in unexpected shapes (short return data, odd states) is not one we can drive
            undo(snapshot);
            return new Unavailable("the governance path failed: " + e.getMessage());
        }
    }

    private void undo(String snapshot) {
        if (!fork.send("evm_revert", snapshot).asBoolean()) {
            throw new IllegalStateException("the fork refused to revert to snapshot " + snapshot);
        }
    }

    private Outcome walk(ProposalUnderTest p, String governor, String snapshot, Consumer<String> progress) {
        String descriptionHash = Hex.encode(Hash.sha3(p.description().getBytes(StandardCharsets.UTF_8)));
        String arrays = arrays(p.actions(), new Bytes32(Hex.decode(descriptionHash)));
        String hashed =
                tryCall(governor, Hex.functionSelector("hashProposal(address[],uint256[],bytes[],bytes32)") + arrays);
        if (hashed == null || hashed.length() < 66) {
            return new Unavailable(
                    "governor " + governor + " does not answer hashProposal; not an OpenZeppelin Governor");
        }
        BigInteger id = new BigInteger(hashed.substring(2, 66), 16);
        if (p.proposalId() != null && !p.proposalId().equals(id)) {
            return new Unavailable("the proposal's actions and description do not hash to its id " + p.proposalId());
        }
        String executor = executorOf(governor);
        if (!executor.equals(p.executor().toLowerCase(Locale.ROOT))) {
            return new Unavailable("the executor " + p.executor() + " is not the governor's (" + executor + ")");
        }
        List<String> delegates = delegates(governor);

        Integer state = state(governor, id);
        String sender = SIMULATOR;
        if (state == null) {
            // a draft not yet on chain: propose it from a delegate that meets the threshold
            BigInteger threshold = uint(call(governor, Hex.functionSelector("proposalThreshold()")));
            long now = latest().number();
            List<Ranked> ranked = rank(governor, delegates, BigInteger.valueOf(clockAt(governor, now) - 1));
            if (threshold.signum() > 0) {
                if (ranked.isEmpty() || ranked.getFirst().votes().compareTo(threshold) < 0) {
                    return new Unavailable("no delegate found with the proposal threshold of " + threshold + " votes ("
                            + delegates.size() + " delegates searched)");
                }
                sender = ranked.getFirst().account();
            } else if (!ranked.isEmpty()) {
                sender = ranked.getFirst().account();
            }
            progress.accept("proposing on governor " + governor + " as " + sender);
            String data = Hex.functionSelector("propose(address[],uint256[],bytes[],string)")
                    + arrays(p.actions(), new Utf8String(p.description()));
            String failure = send(sender, governor, data, BigInteger.ZERO);
            if (failure != null) {
                return new Unavailable("propose reverted: " + failure);
            }
            state = state(governor, id);
            if (state == null) {
                return new Unavailable("the governor did not record proposal " + id);
            }
        }
        if (state >= 2 && state != 4 && state != 5) {
            return new Unavailable("proposal " + id + " is " + STATES[Math.min(state, 7)] + " on the governor");
        }
        if (state <= 1) {
            BigInteger snapshotPoint = uint(call(governor, Hex.functionSelector("proposalSnapshot(uint256)") + w(id)));
            BigInteger deadline = uint(call(governor, Hex.functionSelector("proposalDeadline(uint256)") + w(id)));
            advancePast(governor, snapshotPoint.longValueExact());
            String outcome = vote(governor, id, snapshotPoint, delegates, progress);
            if (outcome != null) {
                return new Unavailable(outcome);
            }
            advancePast(governor, deadline.longValueExact());
            state = state(governor, id);
            if (state == null || state != 4) {
                return new Unavailable("the vote did not pass (state " + (state == null ? "unknown" : STATES[state])
                        + ") with the voting power found");
            }
        }
        String executeData = Hex.functionSelector("execute(address[],uint256[],bytes[],bytes32)") + arrays;
        if (state == 4 && needsQueuing(governor, id, executor)) {
            progress.accept("queueing proposal on governor " + governor);
            String failure = send(
                    sender,
                    governor,
                    Hex.functionSelector("queue(address[],uint256[],bytes[],bytes32)") + arrays,
                    BigInteger.ZERO);
            if (failure != null) {
                return new Unavailable("queue reverted: " + failure);
            }
        }
        long eta = 0;
        String etaOut = tryCall(governor, Hex.functionSelector("proposalEta(uint256)") + w(id));
        if (etaOut != null && etaOut.length() >= 66) {
            eta = uint(etaOut).longValueExact();
        }

        BigInteger balanceBefore = bigOf(fork.send("eth_getBalance", executor, "latest"));
        BigInteger needed = p.actions().stream().map(ProposalAction::value).reduce(BigInteger.ZERO, BigInteger::add);
        if (balanceBefore.compareTo(needed) < 0) {
            fork.send("anvil_setBalance", executor, "0x" + needed.toString(16));
        }
        Head head = latest();
        for (int i = 0; i < p.actions().size(); i++) {
            progress.accept("executing action " + (i + 1) + "/" + p.actions().size() + " on "
                    + p.actions().get(i).target() + " through governor " + governor);
        }
        String hash = fork.send("eth_sendTransaction", tx(sender, governor, executeData, BigInteger.ZERO))
                .asText();
        fork.send("evm_setNextBlockTimestamp", Math.max(head.timestamp() + 1, eta));
        fork.send("evm_mine");
        JsonNode receipt = fork.send("eth_getTransactionReceipt", hash);
        if (receipt == null || receipt.isNull()) {
            fork.send("anvil_dropTransaction", hash);
            return new Unavailable("execute was not mined (gas above the block limit?)");
        }
        return new Executed(hash, head.number(), balanceBefore, snapshot);
    }

    /** Casts FOR votes from the largest delegates that have not voted until quorum and majority are reached. */
    private String vote(
            String governor,
            BigInteger id,
            BigInteger snapshotPoint,
            List<String> delegates,
            Consumer<String> progress) {
        BigInteger quorum = uint(call(governor, Hex.functionSelector("quorum(uint256)") + w(snapshotPoint)));
        String counted = call(governor, Hex.functionSelector("proposalVotes(uint256)") + w(id));
        BigInteger against = word(counted, 0);
        BigInteger forVotes = word(counted, 1);
        BigInteger abstain = word(counted, 2);
        List<Ranked> ranked = rank(governor, delegates, snapshotPoint);
        List<RpcCall> voted = ranked.stream()
                .map(r -> RpcCall.of(
                        "eth_call",
                        Map.of(
                                "to",
                                governor,
                                "data",
                                Hex.functionSelector("hasVoted(uint256,address)") + w(id) + pad(r.account())),
                        "latest"))
                .toList();
        List<RpcResult> hasVoted = fork.batch(voted);
        List<Ranked> voters = new ArrayList<>();
        BigInteger available = BigInteger.ZERO;
        for (int i = 0; i < ranked.size(); i++) {
            if (passes(quorum, against, forVotes, abstain)) {
                break;
            }
            RpcResult r = hasVoted.get(i);
            if (r.ok() && uint(r.value().asText()).signum() != 0) {
                continue;
            }
            voters.add(ranked.get(i));
            forVotes = forVotes.add(ranked.get(i).votes());
            available = available.add(ranked.get(i).votes());
        }
        if (!passes(quorum, against, forVotes, abstain)) {
            return "not enough voting power found to pass the vote: " + voters.size() + " delegates with " + available
                    + " votes, quorum " + quorum + ", against " + against;
        }
        List<Map<String, Object>> txs = new ArrayList<>();
        for (Ranked v : voters) {
            progress.accept("voting FOR as " + v.account() + " (" + v.votes() + " votes)");
            txs.add(tx(
                    v.account(),
                    governor,
                    Hex.functionSelector("castVote(uint256,uint8)") + w(id) + w(BigInteger.ONE),
                    BigInteger.ZERO));
        }
        for (String failure : mine(txs)) {
            if (failure != null) {
                return "castVote reverted: " + failure;
            }
        }
        return null;
    }

    private static boolean passes(BigInteger quorum, BigInteger against, BigInteger forVotes, BigInteger abstain) {
        return forVotes.add(abstain).compareTo(quorum) >= 0 && forVotes.compareTo(against) > 0;
    }

    private record Ranked(String account, BigInteger votes) {}

    /** Delegates with their votes at {@code timepoint}, most first (ties by address), those without votes dropped. */
    private List<Ranked> rank(String governor, List<String> delegates, BigInteger timepoint) {
        List<RpcResult> votes = fork.batch(delegates.stream()
                .map(d -> RpcCall.of(
                        "eth_call",
                        Map.of(
                                "to",
                                governor,
                                "data",
                                Hex.functionSelector("getVotes(address,uint256)") + pad(d) + w(timepoint)),
                        "latest"))
                .toList());
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < delegates.size(); i++) {
            RpcResult r = votes.get(i);
            if (r.ok() && r.value().asText().length() >= 66) {
                BigInteger v = uint(r.value().asText());
                if (v.signum() > 0) {
                    ranked.add(new Ranked(delegates.get(i), v));
                }
            }
        }
        ranked.sort(Comparator.comparing(Ranked::votes).reversed().thenComparing(Ranked::account));
        return ranked;
    }

    /** Accounts that ever had delegated votes on the governor's token, from its DelegateVotesChanged events. */
    private List<String> delegates(String governor) {
        String token = tryCall(governor, Hex.functionSelector("token()"));
        if (token == null || token.length() < 66) {
            return List.of();
        }
        String tokenAddress = "0x" + token.substring(26, 66);
        TreeSet<String> found = new TreeSet<>();
        long to = latest().number();
        for (int chunk = 0; chunk < MAX_CHUNKS && to >= 0; chunk++) {
            long from = Math.max(0, to - LOG_CHUNK + 1);
            JsonNode logs = fork.send(
                    "eth_getLogs",
                    Map.of(
                            "address",
                            tokenAddress,
                            "topics",
                            List.of(DELEGATE_VOTES_CHANGED),
                            "fromBlock",
                            RpcChainReader.tag(from),
                            "toBlock",
                            RpcChainReader.tag(to)));
            for (JsonNode log : logs) {
                JsonNode topics = log.path("topics");
                if (topics.size() >= 2) {
                    found.add("0x" + topics.get(1).asText().substring(26).toLowerCase(Locale.ROOT));
                }
            }
            to = from - 1;
        }
        return List.copyOf(found);
    }

    /**
     * Mines until the governor's clock has passed {@code timepoint}: blocks 12 seconds apart for a block clock; for
     * an ERC-6372 {@code mode=timestamp} clock, one block at the first second after it.
     */
    private void advancePast(String governor, long timepoint) {
        Head head = latest();
        boolean blocks = !timestampClock(governor, head);
        if (blocks) {
            long missing = timepoint + 1 - head.number();
            if (missing > 0) {
                fork.send("anvil_setBlockTimestampInterval", BLOCK_SECONDS);
                try {
                    fork.send("anvil_mine", "0x" + Long.toHexString(missing));
                } finally {
                    fork.send("anvil_removeBlockTimestampInterval");
                }
            }
        } else if (head.timestamp() <= timepoint) {
            fork.send("evm_setNextBlockTimestamp", timepoint + 1);
            fork.send("evm_mine");
        }
    }

    /**
     * True when the governor counts time in seconds: its {@code CLOCK_MODE()} says {@code mode=timestamp}, or, for a
     * governor without {@code CLOCK_MODE()}, its {@code clock()} answers the latest block's timestamp.
     */
    private boolean timestampClock(String governor, Head head) {
        String mode = tryCall(governor, Hex.functionSelector("CLOCK_MODE()"));
        if (mode != null && mode.length() >= 2 + 128) {
            int length = word(mode, 1).intValueExact();
            String text = new String(
                    Hex.decode("0x" + mode.substring(2 + 128, 2 + 128 + 2 * length)), StandardCharsets.UTF_8);
            return text.contains("mode=timestamp");
        }
        long clock = clockAt(governor, head.number());
        return clock != head.number() && clock == head.timestamp();
    }

    /** The governor's clock() as of the latest block; the block number when it has no clock(). */
    private long clockAt(String governor, long blockNumber) {
        String out = tryCall(governor, Hex.functionSelector("clock()"));
        return out == null || out.length() < 66 ? blockNumber : uint(out).longValueExact();
    }

    private boolean needsQueuing(String governor, BigInteger id, String executor) {
        String out = tryCall(governor, Hex.functionSelector("proposalNeedsQueuing(uint256)") + w(id));
        if (out != null && out.length() >= 66) {
            return uint(out).signum() != 0;
        }
        return !executor.equals(governor.toLowerCase(Locale.ROOT));
    }

    private String executorOf(String governor) {
        String t = tryCall(governor, Hex.functionSelector("timelock()"));
        if (t != null && t.length() >= 66) {
            String a = "0x" + t.substring(26, 66).toLowerCase(Locale.ROOT);
            if (!a.equals("0x" + "0".repeat(40))) {
                return a;
            }
        }
        return governor.toLowerCase(Locale.ROOT);
    }

    /** {@code state(id)}, or null when the governor does not know the proposal. */
    private Integer state(String governor, BigInteger id) {
        String out = tryCall(governor, Hex.functionSelector("state(uint256)") + w(id));
        return out == null || out.length() < 66 ? null : uint(out).intValueExact();
    }

    private record Head(long number, long timestamp) {}

    private Head latest() {
        JsonNode b = fork.send("eth_getBlockByNumber", "latest", false);
        return new Head(
                bigOf(b.path("number")).longValueExact(),
                bigOf(b.path("timestamp")).longValueExact());
    }

    /** Sends one transaction in its own block; the decoded revert data when it reverted, else null. */
    private String send(String from, String to, String data, BigInteger value) {
        return mine(List.of(tx(from, to, data, value))).getFirst();
    }

    /** Mines the transactions in one block one second after the latest; per transaction null or why it failed. */
    private List<String> mine(List<Map<String, Object>> txs) {
        List<String> hashes = new ArrayList<>();
        for (Map<String, Object> tx : txs) {
            hashes.add(fork.send("eth_sendTransaction", tx).asText());
        }
        fork.send("evm_setNextBlockTimestamp", latest().timestamp() + 1);
        fork.send("evm_mine");
        List<String> failures = new ArrayList<>();
        for (RpcResult r : fork.batch(hashes.stream()
                .map(h -> RpcCall.of("eth_getTransactionReceipt", h))
                .toList())) {
            JsonNode receipt = r.orThrow();
            if (receipt == null || receipt.isNull()) {
                failures.add("not mined");
            } else if (bigOf(receipt.path("status")).signum() != 1) {
                failures.add(revertData(receipt.path("transactionHash").asText()));
            } else {
                failures.add(null);
            }
        }
        return failures;
    }

    private String revertData(String hash) {
        JsonNode frame = fork.send(
                "debug_traceTransaction",
                hash,
                Map.of("tracer", "callTracer", "tracerConfig", Map.of("onlyTopCall", true)));
        String output = frame.path("output").asText("0x");
        return errors.decode(output).detail();
    }

    private Map<String, Object> tx(String from, String to, String data, BigInteger value) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        tx.put("to", to);
        tx.put("value", "0x" + value.toString(16));
        tx.put("data", data);
        tx.put("gas", "0x" + gasLimit.toString(16));
        tx.put("gasPrice", "0x0");
        return tx;
    }

    private String call(String to, String data) {
        return fork.send("eth_call", Map.of("to", to, "data", data), "latest").asText();
    }

    private String tryCall(String to, String data) {
        try {
            String out = call(to, data);
            return out.length() > 2 ? out : null;
        } catch (RpcErrorException e) {
            return null;
        }
    }

    /** The ABI-encoded (address[], uint256[], bytes[], last) arguments, without a selector. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String arrays(List<ProposalAction> actions, Type last) {
        List<Address> targets =
                actions.stream().map(a -> new Address(a.target())).toList();
        List<Uint256> values = actions.stream().map(a -> new Uint256(a.value())).toList();
        List<DynamicBytes> calldatas = actions.stream()
                .map(a -> new DynamicBytes(Hex.decode(a.calldata())))
                .toList();
        List<Type> params = List.of(
                new DynamicArray<>(Address.class, targets),
                new DynamicArray<>(Uint256.class, values),
                new DynamicArray<>(DynamicBytes.class, calldatas),
                last);
        return FunctionEncoder.encodeConstructor(params);
    }

    private static BigInteger uint(String hex) {
        return word(hex, 0);
    }

    private static BigInteger word(String hex, int index) {
        int start = 2 + 64 * index;
        return new BigInteger(hex.substring(start, start + 64), 16);
    }

    private static String w(BigInteger n) {
        return String.format("%064x", n);
    }

    private static String pad(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }
}
