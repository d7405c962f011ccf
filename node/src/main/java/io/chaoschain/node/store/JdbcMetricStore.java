package io.chaoschain.node.store;

import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.MarketSnapshot;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link MetricStore} on the node's database. */
public final class JdbcMetricStore implements MetricStore {
  private static final String COLUMNS =
      "chain, market, block_number, block_time, utilization, borrow_apr, supply_apr, total_borrows, cash, reserves,"
          + " supply_volume, borrow_volume";

  private final Database db;

  public JdbcMetricStore(Database db) {
    this.db = db;
  }

  @Override
  public boolean record(String chain, MarketSnapshot snapshot) {
    Sql.requireText(chain, "chain", 64);
    String market = Hex.address(snapshot.market(), "snapshot.market");
    Objects.requireNonNull(snapshot.blockTime(), "snapshot.blockTime");
    return db.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO metrics (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            insert.setString(1, chain);
            insert.setString(2, market);
            insert.setLong(3, snapshot.blockNumber());
            Sql.setInstant(insert, 4, snapshot.blockTime());
            setDecimal(insert, 5, snapshot.utilization(), "utilization");
            setDecimal(insert, 6, snapshot.borrowApr(), "borrowApr");
            setDecimal(insert, 7, snapshot.supplyApr(), "supplyApr");
            setDecimal(insert, 8, snapshot.totalBorrows(), "totalBorrows");
            setDecimal(insert, 9, snapshot.cash(), "cash");
            setDecimal(insert, 10, snapshot.reserves(), "reserves");
            setDecimal(insert, 11, snapshot.supplyVolume(), "supplyVolume");
            setDecimal(insert, 12, snapshot.borrowVolume(), "borrowVolume");
            return insert.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<ChainSnapshot> series(MetricQuery query) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM metrics WHERE 1 = 1");
    if (query.chain() != null) {
      sql.append(" AND chain = ?");
    }
    if (query.market() != null) {
      sql.append(" AND market = ?");
    }
    sql.append(" ORDER BY block_time DESC, block_number DESC, chain, market LIMIT ?");
    return db.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (query.chain() != null) {
              select.setString(index++, query.chain());
            }
            if (query.market() != null) {
              select.setString(index++, query.market());
            }
            select.setInt(index, query.limit());
            List<ChainSnapshot> newestFirst = readAll(select);
            Collections.reverse(newestFirst);
            return newestFirst;
          }
        });
  }

  @Override
  public Optional<MarketSnapshot> latest(String chain, String market) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM metrics WHERE chain = ? AND market = ?"
                      + " ORDER BY block_number DESC LIMIT 1")) {
            select.setString(1, chain);
            select.setString(2, market.toLowerCase(java.util.Locale.ROOT));
            return readAll(select).stream().findFirst().map(ChainSnapshot::snapshot);
          }
        });
  }

  @Override
  public List<ChainSnapshot> latestPerMarket() {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM metrics m WHERE block_number ="
                      + " (SELECT MAX(block_number) FROM metrics l WHERE l.chain = m.chain AND l.market = m.market)"
                      + " ORDER BY chain, market")) {
            return readAll(select);
          }
        });
  }

  private static void setDecimal(PreparedStatement statement, int index, BigDecimal value, String field)
      throws SQLException {
    statement.setBigDecimal(index, Objects.requireNonNull(value, "snapshot." + field));
  }

  @Override
  public List<MarketSnapshot> range(String chain, String market, long fromBlock, long toBlock) {
    return db.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM metrics WHERE chain = ? AND market = ? AND block_number BETWEEN ? AND ?"
                      + " ORDER BY block_number")) {
            select.setString(1, chain);
            select.setString(2, market.toLowerCase(java.util.Locale.ROOT));
            select.setLong(3, fromBlock);
            select.setLong(4, toBlock);
            return readAll(select).stream().map(ChainSnapshot::snapshot).toList();
          }
        });
  }

  private static List<ChainSnapshot> readAll(PreparedStatement select) throws SQLException {
    List<ChainSnapshot> snapshots = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        snapshots.add(
            new ChainSnapshot(
                rows.getString("chain"),
                new MarketSnapshot(
                    rows.getString("market"),
                    rows.getLong("block_number"),
                    Sql.getInstant(rows, "block_time"),
                    Sql.getDecimal(rows, "utilization"),
                    Sql.getDecimal(rows, "borrow_apr"),
                    Sql.getDecimal(rows, "supply_apr"),
                    Sql.getDecimal(rows, "total_borrows"),
                    Sql.getDecimal(rows, "cash"),
                    Sql.getDecimal(rows, "reserves"),
                    Sql.getDecimal(rows, "supply_volume"),
                    Sql.getDecimal(rows, "borrow_volume"))));
      }
    }
    return snapshots;
  }
}
