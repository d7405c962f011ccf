package io.chaoschain.storage;

import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.MarketSnapshot;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@link MetricStore} on the node's database. */
public final class JdbcMetricStore implements MetricStore {
    private static final String COLUMNS =
            "chain, market, block_number, block_time, utilization, borrow_apr, supply_apr, total_borrows, cash, reserves,"
                    + " supply_volume, borrow_volume";

    private final Jdbc jdbc;

    public JdbcMetricStore(Database db) {
        this.jdbc = new Jdbc(db);
    }

    @Override
    public boolean record(String chain, MarketSnapshot snapshot) {
        Fields.requireText(chain, "chain", 64);
        String market = Hex.address(snapshot.market(), "snapshot.market");
        Objects.requireNonNull(snapshot.blockTime(), "snapshot.blockTime");
        return jdbc.insertIgnoringDuplicate(
                "INSERT INTO metrics (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.text(chain)
                        .text(market)
                        .bigint(snapshot.blockNumber())
                        .instant(snapshot.blockTime())
                        .decimal(required(snapshot.utilization(), "utilization"))
                        .decimal(required(snapshot.borrowApr(), "borrowApr"))
                        .decimal(required(snapshot.supplyApr(), "supplyApr"))
                        .decimal(required(snapshot.totalBorrows(), "totalBorrows"))
                        .decimal(required(snapshot.cash(), "cash"))
                        .decimal(required(snapshot.reserves(), "reserves"))
                        .decimal(required(snapshot.supplyVolume(), "supplyVolume"))
                        .decimal(required(snapshot.borrowVolume(), "borrowVolume")));
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
        List<ChainSnapshot> newestFirst = new ArrayList<>(jdbc.query(
                sql.toString(),
                p -> {
                    if (query.chain() != null) {
                        p.text(query.chain());
                    }
                    if (query.market() != null) {
                        p.text(query.market());
                    }
                    p.integer(query.limit());
                },
                JdbcMetricStore::map));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Optional<MarketSnapshot> latest(String chain, String market) {
        return jdbc.queryOne(
                        "SELECT " + COLUMNS
                                + " FROM metrics WHERE chain = ? AND market = ? ORDER BY block_number DESC LIMIT 1",
                        p -> p.text(chain).text(market.toLowerCase(Locale.ROOT)),
                        JdbcMetricStore::map)
                .map(ChainSnapshot::snapshot);
    }

    @Override
    public List<ChainSnapshot> latestPerMarket() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM metrics m WHERE block_number ="
                        + " (SELECT MAX(block_number) FROM metrics l WHERE l.chain = m.chain AND l.market = m.market)"
                        + " ORDER BY chain, market",
                Jdbc.Binder.NONE,
                JdbcMetricStore::map);
    }

    private static BigDecimal required(BigDecimal value, String field) {
        return Objects.requireNonNull(value, "snapshot." + field);
    }

    @Override
    public List<MarketSnapshot> range(String chain, String market, long fromBlock, long toBlock) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS
                                + " FROM metrics WHERE chain = ? AND market = ? AND block_number BETWEEN ? AND ?"
                                + " ORDER BY block_number",
                        p -> p.text(chain)
                                .text(market.toLowerCase(Locale.ROOT))
                                .bigint(fromBlock)
                                .bigint(toBlock),
                        JdbcMetricStore::map)
                .stream()
                .map(ChainSnapshot::snapshot)
                .toList();
    }

    private static ChainSnapshot map(ResultSet rows) throws SQLException {
        return new ChainSnapshot(
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
                        Sql.getDecimal(rows, "borrow_volume")));
    }
}
