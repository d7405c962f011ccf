package io.chaoschain.node.reputation;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The chain facts the reputation flow stamps attestations with. Every one is fixed once the event happened, so an
 * attestation made again after a restart has the same content, hence the same UID.
 */
public interface ChainFacts {

    /** The timestamp of block {@code number}. */
    Instant blockTime(long number) throws Exception;

    /** The block a mined transaction is in. */
    long transactionBlock(String txHash) throws Exception;

    /** The block at which the vote on {@code proposalId} closed. */
    long voteEnd(BigInteger proposalId) throws Exception;

    /** keccak256 of the ABI-encoded final (against, for, abstain) tally of {@code proposalId}. */
    String tallyHash(BigInteger proposalId) throws Exception;

    /** The block in which the Governor executed {@code proposalId}. */
    long executionBlock(BigInteger proposalId) throws Exception;
}
