package io.chaoschain.node.lifecycle;

import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.contracts.GovernanceEndpoint;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.chains.tx.TxRequest;
import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * {@link GovernanceGateway} over an OpenZeppelin Governor and our GovernanceEndpoint through web3j. Every transaction
 * it sends passes the agent's transaction policy first.
 */
public final class EvmGovernanceGateway implements GovernanceGateway {
    static final Event PROPOSAL_SUBMITTED = new Event(
            "ProposalSubmitted",
            List.of(
                    new TypeReference<Uint256>(true) {},
                    new TypeReference<Uint256>(true) {},
                    new TypeReference<Address>(true) {},
                    new TypeReference<Bytes32>() {},
                    new TypeReference<Utf8String>() {}));

    private static final long LOG_RANGE = 2_000;

    private final Web3j web3j;
    private final TransactionSender sender;
    private final DaoGovernor governor;
    private final GovernanceEndpoint endpoint;
    private final PolicyGuard transactionPolicy;

    /**
     * @param sender signs with the agent's operator key; nonces, fees, receipts and revert decoding are its job
     */
    public EvmGovernanceGateway(
            TransactionSender sender, String governor, String endpoint, PolicyGuard transactionPolicy) {
        this.web3j = sender.client().web3j();
        this.sender = sender;
        var readOnly = new ReadonlyTransactionManager(web3j, sender.from());
        var noGas = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);
        this.governor = DaoGovernor.load(governor, web3j, readOnly, noGas);
        this.endpoint = GovernanceEndpoint.load(endpoint, web3j, readOnly, noGas);
        this.transactionPolicy = transactionPolicy;
    }

    /** The id the Governor will give this proposal (it hashes targets, values, calldatas and the description). */
    @Override
    public BigInteger proposalId(ProposalDraft draft) throws Exception {
        return governor.hashProposal(targets(draft), values(draft), calldatas(draft), descriptionHash(draft))
                .send();
    }

    /** The proposal's on-chain state, or empty when the Governor does not know it. */
    @Override
    public Optional<ProposalState> state(BigInteger proposalId) throws Exception {
        if (governor.proposalSnapshot(proposalId).send().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(
                ProposalState.fromGovernor(governor.state(proposalId).send().intValue()));
    }

    @Override
    public Instant eta(BigInteger proposalId) throws Exception {
        return Instant.ofEpochSecond(governor.proposalEta(proposalId).send().longValueExact());
    }

    /** Submits through the endpoint as agent {@code agentId}, attesting to {@code reportHash}. */
    @Override
    public TxResult submit(BigInteger agentId, ProposalDraft draft, String reportHash) throws Exception {
        String data = endpoint.submitProposal(
                        agentId,
                        targets(draft),
                        values(draft),
                        calldatas(draft),
                        draft.description(),
                        Hex.decode(reportHash))
                .encodeFunctionCall();
        return send(endpoint.getContractAddress(), data, "submitProposal");
    }

    @Override
    public TxResult queue(ProposalDraft draft) throws Exception {
        String data = governor.queue(targets(draft), values(draft), calldatas(draft), descriptionHash(draft))
                .encodeFunctionCall();
        return send(governor.getContractAddress(), data, "queue");
    }

    @Override
    public TxResult execute(ProposalDraft draft) throws Exception {
        String data = governor.execute(
                        targets(draft), values(draft), calldatas(draft), descriptionHash(draft), BigInteger.ZERO)
                .encodeFunctionCall();
        return send(governor.getContractAddress(), data, "execute");
    }

    /**
     * The endpoint's submission transaction for {@code proposalId}, if one was mined (used when resuming after a crash).
     * The proposal was created {@code votingDelay} blocks before its snapshot, so only those few blocks are searched.
     */
    @Override
    public Optional<String> submissionTx(BigInteger proposalId) throws Exception {
        long snapshot = governor.proposalSnapshot(proposalId).send().longValueExact();
        long created = snapshot - governor.votingDelay().send().longValueExact();
        String idTopic = org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(proposalId, 64);
        return logs(
                        endpoint.getContractAddress(),
                        EventEncoder.encode(PROPOSAL_SUBMITTED),
                        Math.max(0, created - 1),
                        snapshot)
                .stream()
                .filter(log ->
                        log.getTopics().size() > 2 && log.getTopics().get(2).equalsIgnoreCase(idTopic))
                .map(Log::getTransactionHash)
                .findFirst();
    }

    /**
     * The block in which the Governor executed {@code proposalId} (whoever sent the transaction), if it did; searched
     * from the end of the vote on, since nothing can execute it earlier.
     */
    @Override
    public Optional<Long> executionBlock(BigInteger proposalId) throws Exception {
        long deadline = governor.proposalDeadline(proposalId).send().longValueExact();
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        return logs(
                        governor.getContractAddress(),
                        EventEncoder.encode(DaoGovernor.PROPOSALEXECUTED_EVENT),
                        deadline,
                        head)
                .stream()
                .filter(log -> new BigInteger(log.getData().substring(2, 66), 16).equals(proposalId))
                .map(log -> log.getBlockNumber().longValueExact())
                .findFirst();
    }

    /** Logs of one event of one contract in [from, to], fetched in ranges public RPC providers accept. */
    private List<Log> logs(String address, String topic0, long from, long to) throws IOException {
        List<Log> found = new java.util.ArrayList<>();
        for (long start = from; start <= to; start += LOG_RANGE) {
            long end = Math.min(to, start + LOG_RANGE - 1);
            EthFilter filter = new EthFilter(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(end)),
                    address);
            filter.addSingleTopic(topic0);
            for (var result : web3j.ethGetLogs(filter).send().getLogs()) {
                found.add((Log) result.get());
            }
        }
        return found;
    }

    /** The timestamp of the chain's latest block: the clock the timelock checks an eta against. */
    @Override
    public Instant latestBlockTime() throws IOException {
        return Instant.ofEpochSecond(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
    }

    private TxResult send(String to, String data, String what) {
        transactionPolicy.checkCall(to, Hex.selector(data), BigInteger.ZERO);
        TxResult result = sender.send(TxRequest.call(to, data));
        if (!result.success()) {
            throw new GatewayException(what + " transaction " + result.hash() + " reverted"
                    + result.revertReason().map(r -> ": " + r).orElse(""));
        }
        return result;
    }

    static List<String> targets(ProposalDraft d) {
        return d.actions().stream().map(ProposalAction::target).toList();
    }

    static List<BigInteger> values(ProposalDraft d) {
        return d.actions().stream().map(ProposalAction::value).toList();
    }

    static List<byte[]> calldatas(ProposalDraft d) {
        return d.actions().stream().map(a -> Hex.decode(a.calldata())).toList();
    }

    static byte[] descriptionHash(ProposalDraft d) {
        return Hash.sha3(d.description().getBytes(StandardCharsets.UTF_8));
    }

    /** A governance transaction failed on chain. */
    public static final class GatewayException extends RuntimeException {
        GatewayException(String message) {
            super(message);
        }
    }
}
