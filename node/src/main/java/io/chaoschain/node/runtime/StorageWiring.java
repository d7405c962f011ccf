package io.chaoschain.node.runtime;

import io.chaoschain.chains.Redaction;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.reputation.service.ScoreCache;
import io.chaoschain.storage.ChainRecord;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.Stores;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the node's storage: the database (with the configured chains recorded in it) and the reputation score cache. */
final class StorageWiring {
    private static final Logger LOG = LoggerFactory.getLogger(StorageWiring.class);

    private StorageWiring() {}

    /** What the storage wiring opened; closing it closes the score cache, then the database. */
    record Storage(Database database, ScoreCache scoreCache) implements AutoCloseable {
        Stores stores() {
            return database.stores();
        }

        @Override
        public void close() {
            try {
                scoreCache.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the score cache failed", e);
            }
            database.close();
        }
    }

    /** Opens the database and the score cache; on a failure what was opened is closed again. */
    static Storage wire(NodeContext ctx) {
        Database database = ctx.connectors().openDatabase(ctx.config(), ctx.time());
        ScoreCache cache;
        try {
            cache = ctx.connectors().openScoreCache(ctx.config());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        Storage storage = new Storage(database, cache);
        try {
            for (ChainConfig chain : ctx.config().chains().values()) {
                database.stores()
                        .chains()
                        .save(new ChainRecord(
                                chain.name(),
                                chain.chainId(),
                                chain.rpc().stream().map(Redaction::url).collect(Collectors.joining(","))));
            }
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }
}
