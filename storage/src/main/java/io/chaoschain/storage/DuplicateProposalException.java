package io.chaoschain.storage;

import java.math.BigInteger;

/** The on-chain proposal id is already recorded for another local proposal: submitting again would duplicate it. */
public class DuplicateProposalException extends IllegalStateException {
    private final long existingId;

    public DuplicateProposalException(String chain, String governor, BigInteger onchainId, long existingId) {
        super("proposal " + onchainId + " on governor " + governor + " (chain " + chain
                + ") is already recorded as local proposal " + existingId);
        this.existingId = existingId;
    }

    /** The local id of the proposal that already holds the on-chain id. */
    public long existingId() {
        return existingId;
    }
}
