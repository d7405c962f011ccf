package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.checks.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a check's failures, warnings, errors (parts it could not judge) and notes and turns them into one
 * {@link CheckResult}: a failure found wins over an error elsewhere in the same check, so making one read fail
 * cannot turn a failing proposal into an unjudged one.
 */
public final class Findings {
    private final String id;
    private final List<String> fails = new ArrayList<>();
    private final List<String> warns = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    public Findings(String id) {
        this.id = id;
    }

    public void fail(String line) {
        fails.add(line);
    }

    public void warn(String line) {
        warns.add(line);
    }

    /** Part of the check could not be judged: {@code reason} says why. */
    public void error(String reason) {
        errors.add(reason);
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

    /**
     * FAIL with the first failure as summary, else ERROR with the first reason it could not judge, else WARN like
     * FAIL, else PASS with {@code passSummary}.
     */
    public CheckResult result(String passSummary) {
        List<String> lines = new ArrayList<>(fails);
        errors.forEach(r -> lines.add("not judged: " + r));
        lines.addAll(warns);
        lines.addAll(notes);
        if (!fails.isEmpty()) {
            return CheckResult.fail(id, summary(fails), lines);
        }
        if (!errors.isEmpty()) {
            return CheckResult.error(id, "could not judge: " + summary(errors), lines);
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
