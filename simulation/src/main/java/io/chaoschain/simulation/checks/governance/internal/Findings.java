package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.checks.CheckResult;
import java.util.ArrayList;
import java.util.List;

/** Collects a check's failures, warnings and notes and turns them into one {@link CheckResult}. */
public final class Findings {
    private final String id;
    private final List<String> fails = new ArrayList<>();
    private final List<String> warns = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Findings(String id) {
        this.id = id;
    }

    public void fail(String line) {
        fails.add(line);
    }

    public void warn(String line) {
        warns.add(line);
    }

    public void note(String line) {
        notes.add(line);
    }

    /** Records {@code line} as a failure or a warning. */
    public void add(boolean asFailure, String line) {
        if (asFailure) {
            fail(line);
        } else {
            warn(line);
        }
    }

    public boolean hasFailures() {
        return !fails.isEmpty();
    }

    /** FAIL with the first failure as summary, else WARN likewise, else PASS with {@code passSummary}. */
    public CheckResult result(String passSummary) {
        List<String> lines = new ArrayList<>(fails);
        lines.addAll(warns);
        lines.addAll(notes);
        if (!fails.isEmpty()) {
            return CheckResult.fail(id, summary(fails), lines);
        }
        if (!warns.isEmpty()) {
            return CheckResult.warn(id, summary(warns), lines);
        }
        return CheckResult.pass(id, passSummary, lines);
    }

    private static String summary(List<String> lines) {
        return lines.getFirst() + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more)" : "");
    }
}
