package io.chaoschain.storage;

import java.util.List;

/** Votes observed on recorded proposals; one per voter and proposal, as the Governor counts them. */
public interface VoteStore {

    /**
     * Stores the vote unless that voter's vote on that proposal is already stored (monitors replay events).
     *
     * @return true when stored, false when already present
     * @throws java.util.NoSuchElementException when no proposal has the vote's proposal id
     */
    boolean record(VoteRecord vote);

    /** The proposal's votes by block. */
    List<VoteRecord> forProposal(long proposalId);

    VoteTally tally(long proposalId);

    /**
     * Forgets the votes on one Governor's proposals cast in {@code fromBlock} or later: those blocks were reorganized
     * away and their logs will be delivered again from the new chain. Returns how many were removed.
     */
    int forgetFrom(String chain, String governor, long fromBlock);
}
