package io.chaoschain.storage;

import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.ScoreCache;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The reputation service on the node's defaults: embedded H2 and the in-process cache. */
class ReputationServiceTest extends ReputationServiceContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(dataDir, clock);
    }

    @Override
    protected ScoreCache openCache() {
        return new InMemoryScoreCache();
    }
}
