package io.chaoschain.simulation.evidence;

import io.chaoschain.core.proposal.ProposalAction;
import java.math.BigInteger;
import java.util.List;

/**
 * The proposal a simulation executed.
 *
 * @param kind where it came from
 * @param chainId the source chain's id
 * @param governor the governor contract, or null for a draft without one
 * @param executor the address that executes the actions (the timelock, or the governor without one)
 * @param proposalId the on-chain id, or null for a draft
 * @param proposer who proposed it on chain, or null when unknown (drafts)
 * @param description the proposal's description ("" when unknown)
 * @param actions the calls, in execution order
 * @param createdBlock the block it was proposed in on the source chain, or -1
 * @param voteStartBlock the vote's snapshot/start (OZ {@code proposalSnapshot}, Bravo {@code startBlock}), or -1; a
 *     timepoint of the governor's ERC-6372 clock: a block number, or a timestamp under {@code mode=timestamp}
 * @param voteEndBlock the vote's end (OZ {@code proposalDeadline}, Bravo {@code endBlock}), or -1; same clock
 * @param eta the timelock's earliest execution timestamp when queued, or 0
 */
public record ProposalUnderTest(
        Kind kind,
        long chainId,
        String governor,
        String executor,
        BigInteger proposalId,
        String proposer,
        String description,
        List<ProposalAction> actions,
        long createdBlock,
        long voteStartBlock,
        long voteEndBlock,
        long eta) {

    public ProposalUnderTest {
        actions = List.copyOf(actions);
        description = description == null ? "" : description;
    }

    /** Where a proposal came from. */
    public enum Kind {
        /** An OpenZeppelin Governor proposal read from the chain. */
        OZ_GOVERNOR,
        /** A Compound GovernorBravo proposal read from the chain. */
        GOVERNOR_BRAVO,
        /** A draft given as a file, not (yet) on chain. */
        DRAFT
    }

    /** A draft: no id, proposer or vote blocks. */
    public static ProposalUnderTest draft(
            long chainId, String governor, String executor, String description, List<ProposalAction> actions) {
        return new ProposalUnderTest(
                Kind.DRAFT, chainId, governor, executor, null, null, description, actions, -1, -1, -1, 0);
    }
}
