package io.chaoschain.node.reputation;

import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.core.Hex;
import io.chaoschain.node.lifecycle.GovernanceGateway;
import io.chaoschain.reputation.service.ChainTime;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/** {@link ChainFacts} read from an EVM chain and an OpenZeppelin Governor. */
public final class EvmChainFacts implements ChainFacts {
    private final ChainClient client;
    private final DaoGovernor governor;
    private final GovernanceGateway gateway;
    private final ChainTime time;

    /** @param time notes every block time read, so scoring never runs behind the chain */
    public EvmChainFacts(ChainClient client, String governor, GovernanceGateway gateway, ChainTime time) {
        this.client = client;
        this.time = time;
        this.governor = DaoGovernor.load(
                governor,
                client.web3j(),
                new ReadonlyTransactionManager(client.web3j(), governor),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        this.gateway = gateway;
    }

    @Override
    public Instant blockTime(long number) {
        return time.observe(client.blockHeader(number)
                .orElseThrow(() -> new IllegalStateException("block " + number + " not found"))
                .timestamp());
    }

    @Override
    public long transactionBlock(String txHash) {
        return client.receipt(txHash)
                .orElseThrow(() -> new IllegalStateException("transaction " + txHash + " not mined"))
                .blockNumber();
    }

    @Override
    public long voteEnd(BigInteger proposalId) throws Exception {
        return governor.proposalDeadline(proposalId).send().longValueExact();
    }

    @Override
    public String tallyHash(BigInteger proposalId) throws Exception {
        var votes = governor.proposalVotes(proposalId).send();
        String encoded = FunctionEncoder.encodeConstructor(List.of(
                new Uint256(votes.component1()), new Uint256(votes.component2()), new Uint256(votes.component3())));
        return Hex.encode(Hash.sha3(Hex.decode("0x" + encoded)));
    }

    @Override
    public long executionBlock(BigInteger proposalId) throws Exception {
        return gateway.executionBlock(proposalId)
                .orElseThrow(
                        () -> new IllegalStateException("proposal " + proposalId + " has no ProposalExecuted event"));
    }
}
