package io.chaoschain.app.cli;

import io.chaoschain.node.lifecycle.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;

/** Prints progress lines with the seconds elapsed since the command started. */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;
    private final long started = System.nanoTime();

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    void say(String message) {
        out.printf("[%6.1fs] %s%n", elapsed().toMillis() / 1000.0, message);
        out.flush();
    }

    @Override
    public void progress(String agent, String message) {
        say(agent + ": " + message);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
