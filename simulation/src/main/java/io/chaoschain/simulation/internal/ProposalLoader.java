package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.decode.AbiRegistry;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;

/**
 * Reads an existing proposal from its governor on the source chain at the fork block. OpenZeppelin Governor
 * ({@code proposalSnapshot} answers) gets its actions and description from its {@code ProposalCreated} event;
 * Compound GovernorBravo ({@code proposals(id)} answers) from {@code getActions(id)}. The executor is the governor's
 * {@code timelock()} when it has one, else the governor.
 */
public final class ProposalLoader {
    /** ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string): OZ and Bravo. */
    static final String PROPOSAL_CREATED = Hex.encode(org.web3j.crypto.Hash.sha3(
            "ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    private static final List<String> CREATED_TYPES = List.of(
            "uint256", "address", "address[]", "uint256[]", "string[]", "bytes[]", "uint256", "uint256", "string");
    private static final long LOG_CHUNK = 10_000;
    private static final int MAX_CHUNKS = 100;

    private final ChainClient source;
    private final long block;
    private final long chainId;

    public ProposalLoader(ChainClient source, long block, long chainId) {
        this.source = source;
        this.block = block;
        this.chainId = chainId;
    }

    public ProposalUnderTest load(String governor, BigInteger id) {
        if (Hex.decode(callOr(governor, "0x", "eth_getCode")).length == 0) {
            throw new UserFacingException(
                    "--governor: " + governor + " has no code at block " + block + "; check the address and --rpc",
                    2,
                    null);
        }
        String snapshot = tryCall(governor, sig("proposalSnapshot(uint256)") + word(id));
        if (snapshot != null && snapshot.length() >= 66) {
            return loadOz(governor, id, new BigInteger(snapshot.substring(2, 66), 16));
        }
        String bravo = tryCall(governor, sig("proposals(uint256)") + word(id));
        if (bravo != null && bravo.length() >= 2 + 64 * 10) {
            return loadBravo(governor, id, bravo);
        }
        throw new UserFacingException(
                "--governor: " + governor + " answers neither proposalSnapshot(uint256) "
                        + "(OpenZeppelin Governor) nor proposals(uint256) (GovernorBravo)",
                2,
                null);
    }

    private ProposalUnderTest loadOz(String governor, BigInteger id, BigInteger snapshot) {
        if (snapshot.signum() == 0) {
            throw new UserFacingException(
                    "--proposal-id: governor " + governor + " has no proposal " + id + " at block " + block, 2, null);
        }
        List<Type> event = findCreated(
                governor, id, snapshot.min(BigInteger.valueOf(block)).longValue());
        if (event == null) {
            throw new UserFacingException(
                    "--proposal-id: no ProposalCreated event for proposal " + id + " on governor " + governor
                            + "; the RPC may not serve old logs",
                    2,
                    null);
        }
        List<ProposalAction> actions = actions(event.get(2), event.get(3), event.get(4), event.get(5));
        BigInteger eta = wordOr(tryCall(governor, sig("proposalEta(uint256)") + word(id)));
        BigInteger deadline = wordOr(tryCall(governor, sig("proposalDeadline(uint256)") + word(id)));
        return new ProposalUnderTest(
                ProposalUnderTest.Kind.OZ_GOVERNOR,
                chainId,
                governor,
                executor(governor),
                id,
                AbiRegistry.render(event.get(1)),
                (String) event.get(8).getValue(),
                actions,
                createdBlock,
                snapshot.longValue(),
                deadline.longValue(),
                eta.longValue());
    }

    private long createdBlock = -1;

    private ProposalUnderTest loadBravo(String governor, BigInteger id, String proposal) {
        List<BigInteger> w = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            w.add(new BigInteger(proposal.substring(2 + 64 * i, 66 + 64 * i), 16));
        }
        if (w.get(1).signum() == 0) {
            throw new UserFacingException(
                    "--proposal-id: governor " + governor + " has no proposal " + id + " at block " + block, 2, null);
        }
        String out = tryCall(governor, sig("getActions(uint256)") + word(id));
        if (out == null) {
            throw new UserFacingException(
                    "--governor: " + governor + " has proposals(uint256) but no getActions(uint256);"
                            + " not a GovernorBravo",
                    2,
                    null);
        }
        List<Type> a = decode(out.substring(2), List.of("address[]", "uint256[]", "string[]", "bytes[]"));
        List<ProposalAction> actions = actions(a.get(0), a.get(1), a.get(2), a.get(3));
        String description = "";
        try {
            List<Type> event =
                    findCreated(governor, id, Math.min(block, w.get(3).longValue()));
            if (event != null) {
                description = (String) event.get(8).getValue();
            }
        } catch (RpcErrorException | UserFacingException e) {
            // the description is informative only; a node without old logs still lets us simulate
        }
        String proposer = "0x" + String.format("%064x", w.get(1)).substring(24);
        return new ProposalUnderTest(
                ProposalUnderTest.Kind.GOVERNOR_BRAVO,
                chainId,
                governor,
                executor(governor),
                id,
                proposer,
                description,
                actions,
                createdBlock,
                w.get(3).longValue(),
                w.get(4).longValue(),
                w.get(2).longValue());
    }

    /** The governor's timelock, or the governor itself when it has none (it executes its own proposals). */
    public String executor(String governor) {
        String t = tryCall(governor, sig("timelock()"));
        if (t != null && t.length() >= 66) {
            String addr = "0x" + t.substring(26, 66);
            if (!addr.equals("0x" + "0".repeat(40))) {
                return addr.toLowerCase(Locale.ROOT);
            }
        }
        return governor;
    }

    @SuppressWarnings("rawtypes")
    private List<Type> findCreated(String governor, BigInteger id, long upTo) {
        long to = upTo;
        for (int chunk = 0; chunk < MAX_CHUNKS && to >= 0; chunk++) {
            long from = Math.max(0, to - LOG_CHUNK + 1);
            JsonNode logs = source.send(
                    "eth_getLogs",
                    Map.of(
                            "address",
                            governor,
                            "topics",
                            List.of(PROPOSAL_CREATED),
                            "fromBlock",
                            RpcChainReader.tag(from),
                            "toBlock",
                            RpcChainReader.tag(to)));
            for (JsonNode log : logs) {
                String data = log.path("data").asText();
                if (data.length() >= 66 && new BigInteger(data.substring(2, 66), 16).equals(id)) {
                    createdBlock = TrafficWindow.bigOf(log.path("blockNumber")).longValue();
                    return decode(data.substring(2), CREATED_TYPES);
                }
            }
            to = from - 1;
        }
        return null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<ProposalAction> actions(Type targets, Type values, Type signatures, Type calldatas) {
        List<Type> t = (List<Type>) targets.getValue();
        List<Type> v = (List<Type>) values.getValue();
        List<Type> s = (List<Type>) signatures.getValue();
        List<Type> c = (List<Type>) calldatas.getValue();
        List<ProposalAction> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String signature = (String) s.get(i).getValue();
            String data = Hex.encode((byte[]) c.get(i).getValue());
            if (!signature.isEmpty()) {
                // Bravo-style: the timelock prepends the signature's selector to the arguments
                data = Hex.functionSelector(signature) + data.substring(2);
            }
            out.add(new ProposalAction(
                    AbiRegistry.render(t.get(i)), (BigInteger) v.get(i).getValue(), data, signature));
        }
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Type> decode(String hex, List<String> types) {
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String type : types) {
                refs.add(TypeReference.makeTypeReference(type));
            }
            return FunctionReturnDecoder.decode(hex, refs);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private String callOr(String address, String fallback, String method) {
        try {
            return source.send(method, address, RpcChainReader.tag(block)).asText();
        } catch (RpcErrorException e) {
            return fallback;
        }
    }

    private String tryCall(String to, String data) {
        try {
            String out = source.send("eth_call", Map.of("to", to, "data", data), RpcChainReader.tag(block))
                    .asText();
            return out.length() > 2 ? out : null;
        } catch (RpcErrorException e) {
            return null;
        }
    }

    private static BigInteger wordOr(String out) {
        return out == null || out.length() < 66 ? BigInteger.ZERO : new BigInteger(out.substring(2, 66), 16);
    }

    static String sig(String signature) {
        return Hex.functionSelector(signature);
    }

    static String word(BigInteger n) {
        return String.format("%064x", n);
    }
}
