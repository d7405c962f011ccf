package io.chaoschain.app.cli;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where read-only commands find a node's database: {@code --data-dir}, else the {@code dataDir} of {@code --config},
 * else {@code ./node.yaml}, else the last demo's node A ({@code .chaoschain/demo/ethereum-local/node.yaml}; node B's is
 * {@code .chaoschain/demo/arbitrum-local/node.yaml}). A configuration whose {@code storage.url} names PostgreSQL is
 * read from that server.
 */
final class StoreOptions {
    static final Path DEMO_CONFIG = Path.of(".chaoschain/demo/ethereum-local/node.yaml");

    @Option(names = "--config", paramLabel = "FILE", description = "node configuration whose dataDir to read")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the node's data directory (overrides --config)")
    Path dataDir;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    Database open() {
        Path dir = dataDir;
        if (dir == null) {
            Path cfg =
                    config != null ? config : Files.exists(Path.of("node.yaml")) ? Path.of("node.yaml") : DEMO_CONFIG;
            if (config == null && !Files.exists(cfg)) {
                throw new UserFacingException("error: no node to read: pass --config FILE or --data-dir DIR"
                        + " (or run ./chaoschain demo first)");
            }
            io.chaoschain.node.config.NodeConfig loaded = ConfigLoader.load(cfg);
            if (loaded.storage() != null && loaded.storage().isPostgres()) {
                return io.chaoschain.node.runtime.NodeStorage.openShared(loaded);
            }
            dir = loaded.dataDir();
        }
        if (!Files.isDirectory(dir)) {
            throw new UserFacingException("error: data directory " + dir + " does not exist; has the node run yet?");
        }
        return Database.openShared(dir);
    }
}
