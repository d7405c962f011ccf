package io.chaoschain.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/** {@link VoteStore} on the node's database. */
public final class JdbcVoteStore implements VoteStore {
    private final Jdbc jdbc;

    public JdbcVoteStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public boolean record(VoteRecord vote) {
        try {
            return jdbc.insertIgnoringDuplicate(
                    "INSERT INTO votes (proposal_id, voter, support, weight, tx_hash, block_number) VALUES (?, ?, ?, ?, ?, ?)",
                    p -> p.bigint(vote.proposalId())
                            .text(vote.voter())
                            .integer(vote.support().governorValue())
                            .decimal(new BigDecimal(vote.weight()))
                            .text(vote.txHash())
                            .bigint(vote.blockNumber()));
        } catch (StoreException e) {
            if (Sql.isMissingParent(e)) {
                throw new NoSuchElementException("no proposal with id " + vote.proposalId());
            }
            throw e;
        }
    }

    @Override
    public List<VoteRecord> forProposal(long proposalId) {
        return jdbc.query(
                "SELECT proposal_id, voter, support, weight, tx_hash, block_number FROM votes"
                        + " WHERE proposal_id = ? ORDER BY block_number, id",
                p -> p.bigint(proposalId),
                rows -> new VoteRecord(
                        rows.getLong("proposal_id"),
                        rows.getString("voter"),
                        VoteSupport.fromGovernor(rows.getInt("support")),
                        rows.getBigDecimal("weight").toBigIntegerExact(),
                        rows.getString("tx_hash"),
                        rows.getLong("block_number")));
    }

    /** The summed weight and voter count of one support value. */
    private record SupportSum(VoteSupport support, BigInteger weight, int voters) {}

    @Override
    public VoteTally tally(long proposalId) {
        BigInteger[] sums = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        int voters = 0;
        for (SupportSum sum : jdbc.query(
                "SELECT support, SUM(weight), COUNT(*) FROM votes WHERE proposal_id = ? GROUP BY support",
                p -> p.bigint(proposalId),
                rows -> new SupportSum(
                        VoteSupport.fromGovernor(rows.getInt(1)),
                        rows.getBigDecimal(2).toBigIntegerExact(),
                        rows.getInt(3)))) {
            sums[sum.support().ordinal()] = sum.weight();
            voters += sum.voters();
        }
        return new VoteTally(
                sums[VoteSupport.FOR.ordinal()],
                sums[VoteSupport.AGAINST.ordinal()],
                sums[VoteSupport.ABSTAIN.ordinal()],
                voters);
    }

    @Override
    public int forgetFrom(String chain, String governor, long fromBlock) {
        return jdbc.update(
                "DELETE FROM votes WHERE block_number >= ? AND proposal_id IN"
                        + " (SELECT id FROM proposals WHERE chain = ? AND governor = ?)",
                p -> p.bigint(fromBlock).text(chain).text(governor.toLowerCase(Locale.ROOT)));
    }
}
