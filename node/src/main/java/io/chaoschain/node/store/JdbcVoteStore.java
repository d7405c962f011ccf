package io.chaoschain.node.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** {@link VoteStore} on the node's database. */
public final class JdbcVoteStore implements VoteStore {
  private final Database db;

  public JdbcVoteStore(Database db) {
    this.db = db;
  }

  @Override
  public boolean record(VoteRecord vote) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO votes (proposal_id, voter, support, weight, tx_hash, block_number)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, vote.proposalId());
            insert.setString(2, vote.voter());
            insert.setInt(3, vote.support().governorValue());
            insert.setBigDecimal(4, new BigDecimal(vote.weight()));
            insert.setString(5, vote.txHash());
            insert.setLong(6, vote.blockNumber());
            return insert.executeUpdate() == 1;
          } catch (SQLException e) {
            if (Sql.isMissingParent(e)) {
              throw new NoSuchElementException("no proposal with id " + vote.proposalId());
            }
            throw e;
          }
        });
  }

  @Override
  public List<VoteRecord> forProposal(long proposalId) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT proposal_id, voter, support, weight, tx_hash, block_number FROM votes"
                      + " WHERE proposal_id = ? ORDER BY block_number, id")) {
            select.setLong(1, proposalId);
            List<VoteRecord> votes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                votes.add(
                    new VoteRecord(
                        rows.getLong("proposal_id"),
                        rows.getString("voter"),
                        VoteSupport.fromGovernor(rows.getInt("support")),
                        rows.getBigDecimal("weight").toBigIntegerExact(),
                        rows.getString("tx_hash"),
                        rows.getLong("block_number")));
              }
            }
            return votes;
          }
        });
  }

  @Override
  public VoteTally tally(long proposalId) {
    return db.withConnection(
        connection -> {
          BigInteger[] sums = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
          int voters = 0;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT support, SUM(weight), COUNT(*) FROM votes WHERE proposal_id = ? GROUP BY support")) {
            select.setLong(1, proposalId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                sums[VoteSupport.fromGovernor(rows.getInt(1)).ordinal()] = rows.getBigDecimal(2).toBigIntegerExact();
                voters += rows.getInt(3);
              }
            }
          }
          return new VoteTally(
              sums[VoteSupport.FOR.ordinal()], sums[VoteSupport.AGAINST.ordinal()],
              sums[VoteSupport.ABSTAIN.ordinal()], voters);
        });
  }

  @Override
  public int forgetFrom(String chain, String governor, long fromBlock) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM votes WHERE block_number >= ? AND proposal_id IN"
                      + " (SELECT id FROM proposals WHERE chain = ? AND governor = ?)")) {
            delete.setLong(1, fromBlock);
            delete.setString(2, chain);
            delete.setString(3, governor.toLowerCase(java.util.Locale.ROOT));
            return delete.executeUpdate();
          }
        });
  }
}
