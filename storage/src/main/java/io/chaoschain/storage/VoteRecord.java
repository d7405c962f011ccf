package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A vote cast on a recorded proposal.
 *
 * @param proposalId the local proposal id
 * @param voter the voting account (lower-case address)
 * @param support for, against or abstain
 * @param weight voting power used, in the token's smallest unit
 * @param txHash the castVote transaction
 * @param blockNumber the block it was mined in
 */
public record VoteRecord(
        long proposalId, String voter, VoteSupport support, BigInteger weight, String txHash, long blockNumber) {
    public VoteRecord {
        voter = Hex.address(voter, "vote.voter");
        Objects.requireNonNull(support, "vote.support");
        weight = Fields.uint256(weight, "vote.weight");
        txHash = Objects.requireNonNull(Fields.hash32(txHash, "vote.txHash"), "vote.txHash");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("vote.blockNumber must not be negative, got " + blockNumber);
        }
    }
}
