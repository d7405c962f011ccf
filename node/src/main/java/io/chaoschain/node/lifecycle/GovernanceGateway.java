package io.chaoschain.node.lifecycle;

import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The lifecycle's view of one chain's governance contracts: the Governor (read state, queue, execute) and the
 * endpoint agents submit through. Transactions are sent with the agent's operator key.
 */
public interface GovernanceGateway {

    /** The id the Governor will give this proposal (a hash of its targets, values, calldatas and description). */
    BigInteger proposalId(ProposalDraft draft) throws Exception;

    /** The proposal's on-chain state, or empty when the Governor does not know it. */
    Optional<ProposalState> state(BigInteger proposalId) throws Exception;

    /** When the timelock lets a queued proposal execute. */
    Instant eta(BigInteger proposalId) throws Exception;

    /** Submits through the endpoint as agent {@code agentId}, attesting to {@code reportHash}. */
    TxResult submit(BigInteger agentId, ProposalDraft draft, String reportHash) throws Exception;

    TxResult queue(ProposalDraft draft) throws Exception;

    TxResult execute(ProposalDraft draft) throws Exception;

    /** The mined submission transaction of {@code proposalId}, if it can be found (used when resuming after a crash). */
    Optional<String> submissionTx(BigInteger proposalId) throws Exception;

    /** The block in which the Governor executed {@code proposalId}, whoever sent the transaction. */
    Optional<Long> executionBlock(BigInteger proposalId) throws Exception;

    /** The latest block's timestamp: the clock the timelock checks an eta against. */
    Instant latestBlockTime() throws Exception;
}
