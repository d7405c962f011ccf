package io.chaoschain.storage;

import java.math.BigInteger;

/** Summed voting weight per direction and the number of distinct voters. */
public record VoteTally(BigInteger forVotes, BigInteger againstVotes, BigInteger abstainVotes, int voters) {
    public static final VoteTally EMPTY = new VoteTally(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);
}
