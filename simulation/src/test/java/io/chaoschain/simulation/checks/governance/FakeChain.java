package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory chain for the checks' unit tests: code per address and answers per (to, calldata, block), block
 * -1 meaning any block. Calls nobody answered revert, as on a real node; logs are empty.
 */
final class FakeChain implements ForkView {
    static final long PRE = 10;
    static final long POST = 11;
    static final String EXECUTOR = "0x1000000000000000000000000000000000000001";
    static final String GOVERNOR = "0x2000000000000000000000000000000000000002";

    private final Map<String, String> code = new HashMap<>();
    private final Map<String, String> answers = new HashMap<>();
    private boolean refuseLogs;
    private boolean refuseOverrides;

    /** Answers eth_getLogs with an error, as public RPCs do for ranges they will not serve. */
    /** Answers eth_call with a state-override argument the way a node without override support does. */
    FakeChain refuseOverrides() {
        refuseOverrides = true;
        return this;
    }

    FakeChain refuseLogs() {
        refuseLogs = true;
        return this;
    }

    FakeChain contract(String address) {
        code.put(address, "0x6001");
        return this;
    }

    /** {@code address} holds {@code runtime} (0x-hex) at every block. */
    FakeChain code(String address, String runtime) {
        code.put(address, runtime);
        return this;
    }

    /** {@code to} answers {@code data} with one word at every block. */
    FakeChain answers(String to, String data, BigInteger word) {
        return answers(to, data, -1, word);
    }

    FakeChain answers(String to, String data, long block, BigInteger word) {
        code.putIfAbsent(to, "0x6001");
        answers.put(to + data + "@" + block, "0x" + String.format("%064x", word));
        return this;
    }

    /** {@code to} answers {@code data} with raw 0x-hex output (several words, a dynamic array) at every block. */
    FakeChain answersRaw(String to, String data, String output) {
        contract(to);
        answers.put(to + data + "@-1", output);
        return this;
    }

    FakeChain answersAddress(String to, String data, String address) {
        return answers(to, data, new BigInteger(address.substring(2), 16));
    }

    private String answer(String to, String data, long block) {
        String exact = answers.get(to + data + "@" + block);
        return exact != null ? exact : answers.get(to + data + "@-1");
    }

    @Override
    public long forkBlock() {
        return PRE;
    }

    @Override
    public long preBlock() {
        return PRE;
    }

    @Override
    public long postBlock() {
        return POST;
    }

    @Override
    public long latestBlock() {
        return POST;
    }

    @Override
    public String call(String to, String data, long block) {
        String out = answer(to, data, block);
        if (out == null) {
            throw new IllegalStateException("execution reverted");
        }
        return out;
    }

    @Override
    public String code(String address, long block) {
        return code.getOrDefault(address, "0x");
    }

    @Override
    public String storageAt(String address, String slot, long block) {
        return "0x" + "0".repeat(64);
    }

    @Override
    public BigInteger balance(String address, long block) {
        return BigInteger.ZERO;
    }

    @Override
    public long nonce(String address, long block) {
        return 0;
    }

    @Override
    public JsonNode rpc(String method, Object... params) {
        return switch (method) {
            case "eth_call" -> {
                if (refuseOverrides && params.length > 2) {
                    throw new IllegalStateException(
                            "RPC error -32602: invalid params: too many arguments, want at most 2");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> tx = (Map<String, Object>) params[0];
                String tag = (String) params[1];
                long block = tag.equals("latest") ? -1 : Long.decode(tag);
                yield new TextNode(call((String) tx.get("to"), (String) tx.get("data"), block));
            }
            case "eth_getLogs" -> {
                if (refuseLogs) {
                    throw new IllegalStateException("query returned more than 10000 results");
                }
                yield JsonNodeFactory.instance.arrayNode();
            }
            case "eth_getBlockByNumber" -> JsonNodeFactory.instance.objectNode().put("miner", Evm.ZERO_ADDRESS);
            default -> JsonNodeFactory.instance.nullNode();
        };
    }

    /** Evidence of a draft executed by {@link #EXECUTOR} on this chain. */
    SimulationEvidence evidence(
            String description, List<ActionExecution> actions, List<TokenDelta> deltas, Map<String, AccountDiff> diff) {
        ProposalUnderTest p = ProposalUnderTest.draft(
                31337,
                GOVERNOR,
                EXECUTOR,
                description,
                actions.stream().map(ActionExecution::action).toList());
        return new SimulationEvidence(
                0, p, actions, diff, List.of(), deltas, List.of(), Map.of(), BigInteger.ZERO, this, this);
    }

    /** An executed, successful action with its decoded call. */
    static ActionExecution action(
            int index, String target, String signature, List<DecodedCall.Argument> args, Object... values) {
        String calldata = Evm.encode(signature, values);
        DecodedCall decoded = new DecodedCall(calldata.substring(0, 10), signature, args, "test");
        return new ActionExecution(
                index,
                new ProposalAction(target, BigInteger.ZERO, calldata, signature),
                decoded,
                true,
                true,
                null,
                21_000,
                "0x" + "ab".repeat(32),
                POST,
                null);
    }
}
