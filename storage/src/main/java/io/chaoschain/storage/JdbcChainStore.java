package io.chaoschain.storage;

import io.chaoschain.core.TimeProvider;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link ChainStore} on the node's database. */
public final class JdbcChainStore implements ChainStore {
    private final Database db;
    private final Jdbc jdbc;
    private final TimeProvider time;

    public JdbcChainStore(Database db, TimeProvider time) {
        this.db = db;
        this.jdbc = new Jdbc(db);
        this.time = time;
    }

    @Override
    public void save(ChainRecord chain) {
        db.inTransaction(() -> {
            boolean inserted = jdbc.insertIgnoringDuplicate(
                    "INSERT INTO chains (name, chain_id, rpc, updated_at) VALUES (?, ?, ?, ?)",
                    p -> p.text(chain.name())
                            .bigint(chain.chainId())
                            .text(chain.rpc())
                            .instant(time.now()));
            if (!inserted) {
                jdbc.update(
                        "UPDATE chains SET chain_id = ?, rpc = ?, updated_at = ? WHERE name = ?",
                        p -> p.bigint(chain.chainId())
                                .text(chain.rpc())
                                .instant(time.now())
                                .text(chain.name()));
            }
        });
    }

    @Override
    public Optional<ChainRecord> find(String name) {
        return jdbc.queryOne(
                "SELECT name, chain_id, rpc FROM chains WHERE name = ?", p -> p.text(name), JdbcChainStore::map);
    }

    @Override
    public List<ChainRecord> all() {
        return jdbc.query(
                "SELECT name, chain_id, rpc FROM chains ORDER BY name", Jdbc.Binder.NONE, JdbcChainStore::map);
    }

    private static ChainRecord map(ResultSet rows) throws SQLException {
        return new ChainRecord(rows.getString("name"), rows.getLong("chain_id"), rows.getString("rpc"));
    }
}
