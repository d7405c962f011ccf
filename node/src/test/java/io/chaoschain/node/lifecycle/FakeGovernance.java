package io.chaoschain.node.lifecycle;

import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** A Governor in memory: ids hash the description, states move only when the test or a call moves them. */
final class FakeGovernance implements GovernanceGateway {
    final Map<BigInteger, ProposalState> states = new HashMap<>();
    final Map<BigInteger, String> submissionTxs = new HashMap<>();
    final Map<BigInteger, Long> executedAt = new HashMap<>();
    int submits;
    int queues;
    int executes;
    Instant now = Instant.ofEpochSecond(1_000_000);
    long head;

    @Override
    public BigInteger proposalId(ProposalDraft draft) {
        return new BigInteger(1, Hash.sha3(draft.description().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<ProposalState> state(BigInteger proposalId) {
        return Optional.ofNullable(states.get(proposalId));
    }

    @Override
    public Instant eta(BigInteger proposalId) {
        return Instant.ofEpochSecond(2_000_000);
    }

    @Override
    public TxResult submit(BigInteger agentId, ProposalDraft draft, String reportHash) {
        submits++;
        BigInteger id = proposalId(draft);
        states.put(id, ProposalState.PENDING);
        String tx = tx(submits);
        submissionTxs.put(id, tx);
        return mined(tx);
    }

    @Override
    public TxResult queue(ProposalDraft draft) {
        queues++;
        states.put(proposalId(draft), ProposalState.QUEUED);
        return mined(tx(100 + queues));
    }

    @Override
    public TxResult execute(ProposalDraft draft) {
        executes++;
        states.put(proposalId(draft), ProposalState.EXECUTED);
        executedAt.put(proposalId(draft), head);
        return mined(tx(200 + executes));
    }

    @Override
    public Optional<String> submissionTx(BigInteger proposalId) {
        return Optional.ofNullable(submissionTxs.get(proposalId));
    }

    @Override
    public Optional<Long> executionBlock(BigInteger proposalId) {
        return Optional.ofNullable(executedAt.get(proposalId));
    }

    @Override
    public Instant latestBlockTime() {
        return now;
    }

    static String tx(int n) {
        return "0x" + String.format("%064x", n);
    }

    private TxResult mined(String hash) {
        return new TxResult(
                hash, head, true, BigInteger.valueOf(21_000), Optional.empty(), Optional.empty(), List.of());
    }
}
