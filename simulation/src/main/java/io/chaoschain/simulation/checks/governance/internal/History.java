package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.ChainReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** A governor's proposals and votes, read from its OpenZeppelin-standard events on the source chain. */
public final class History {
    public static final String PROPOSAL_CREATED =
            Evm.keccak("ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)");
    public static final String VOTE_CAST = Evm.keccak("VoteCast(address,uint256,uint8,uint256,string)");

    private History() {}

    /** A proposal as its ProposalCreated event states it. */
    public record Proposal(
            BigInteger id,
            String proposer,
            List<String> targets,
            List<BigInteger> values,
            List<String> calldatas,
            long voteStart,
            long voteEnd,
            String description,
            long block,
            String txHash) {

        /** The actions as one comparable value: resubmissions of the same calls have the same key. */
        public String actionsKey() {
            return targets + "|" + values + "|" + calldatas;
        }
    }

    /** One vote: support 0 against, 1 for, 2 abstain. */
    public record Vote(
            String voter, BigInteger proposalId, int support, BigInteger weight, long block, String txHash) {}

    /** Every ProposalCreated of {@code governor} up to {@code toBlock}. */
    @SuppressWarnings("rawtypes")
    public static List<Proposal> proposals(ChainReader chain, String governor, long toBlock) {
        List<TypeReference<Type>> types = Utils.convert(List.of(
                new TypeReference<Uint256>() {},
                new TypeReference<Address>() {},
                new TypeReference<DynamicArray<Address>>() {},
                new TypeReference<DynamicArray<Uint256>>() {},
                new TypeReference<DynamicArray<Utf8String>>() {},
                new TypeReference<DynamicArray<DynamicBytes>>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Utf8String>() {}));
        List<Proposal> out = new ArrayList<>();
        for (JsonNode log : Evm.logs(chain, governor, 0, toBlock, PROPOSAL_CREATED)) {
            List<Type> v = FunctionReturnDecoder.decode(log.path("data").asText(), types);
            if (v.size() != 9) {
                continue;
            }
            List<String> targets = ((DynamicArray<?>) v.get(2))
                    .getValue().stream()
                            .map(a -> ((Address) a).getValue().toLowerCase(Locale.ROOT))
                            .toList();
            List<BigInteger> values = ((DynamicArray<?>) v.get(3))
                    .getValue().stream().map(a -> ((Uint256) a).getValue()).toList();
            List<String> calldatas = ((DynamicArray<?>) v.get(5))
                    .getValue().stream()
                            .map(a -> Hex.encode(((DynamicBytes) a).getValue()))
                            .toList();
            out.add(new Proposal(
                    (BigInteger) v.get(0).getValue(),
                    ((Address) v.get(1)).getValue().toLowerCase(Locale.ROOT),
                    targets,
                    values,
                    calldatas,
                    ((BigInteger) v.get(6).getValue()).longValueExact(),
                    ((BigInteger) v.get(7).getValue()).longValueExact(),
                    (String) v.get(8).getValue(),
                    Long.decode(log.path("blockNumber").asText()),
                    log.path("transactionHash").asText()));
        }
        return out;
    }

    /** Every VoteCast on {@code proposalId} of {@code governor} up to {@code toBlock}. */
    @SuppressWarnings("rawtypes")
    public static List<Vote> votes(
            ChainReader chain, String governor, BigInteger proposalId, long fromBlock, long toBlock) {
        List<TypeReference<Type>> types = Utils.convert(List.of(
                new TypeReference<Uint256>() {},
                new TypeReference<Uint8>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Utf8String>() {}));
        List<Vote> out = new ArrayList<>();
        for (JsonNode log : Evm.logs(chain, governor, fromBlock, toBlock, VOTE_CAST)) {
            List<Type> v = FunctionReturnDecoder.decode(log.path("data").asText(), types);
            if (v.size() != 4 || !proposalId.equals(v.get(0).getValue())) {
                continue;
            }
            out.add(new Vote(
                    Evm.topicAddress(log.path("topics").get(1).asText()),
                    proposalId,
                    ((BigInteger) v.get(1).getValue()).intValue(),
                    (BigInteger) v.get(2).getValue(),
                    Long.decode(log.path("blockNumber").asText()),
                    log.path("transactionHash").asText()));
        }
        return out;
    }
}
