package io.chaoschain.storage;

import io.chaoschain.chains.events.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs in a child JVM: opens the database in the given directory like a running node would, says so on stdout and
 * keeps it open until its stdin closes.
 */
public final class HoldDatabaseOpen {
    public static final String READY = "database-open";

    private HoldDatabaseOpen() {}

    public static void main(String[] args) throws IOException {
        try (Database db = Database.open(Path.of(args[0]))) {
            db.stores().checkpoints().save("child", new Checkpoint(1, Optional.empty()));
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }
}
