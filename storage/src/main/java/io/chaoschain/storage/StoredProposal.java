package io.chaoschain.storage;

import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A proposal as the node has recorded it.
 *
 * @param id the node-local id
 * @param chain the chain's name
 * @param governor the Governor contract (lower-case address)
 * @param onchainId the Governor's proposal id, or null while it is not yet claimed for submission
 * @param agentId the local agent that drafted it, or null for a proposal someone else submitted
 * @param state where it is in its lifecycle
 * @param draft title, description, actions and the stated parameter change
 * @param reportHash hash of the simulation report the submission attested to, or null
 * @param submitTxHash the propose transaction, or null
 * @param queueTxHash the queue transaction, or null
 * @param executeTxHash the execute transaction, or null
 * @param createdAt when first recorded
 * @param updatedAt when last changed
 * @param eta when the timelock allows execution, or null when not queued
 * @param outcome the measured effect after execution, or null
 */
public record StoredProposal(
        long id,
        String chain,
        String governor,
        BigInteger onchainId,
        String agentId,
        ProposalState state,
        ProposalDraft draft,
        String reportHash,
        String submitTxHash,
        String queueTxHash,
        String executeTxHash,
        Instant createdAt,
        Instant updatedAt,
        Instant eta,
        ProposalOutcome outcome) {

    public String title() {
        return draft.title();
    }
}
