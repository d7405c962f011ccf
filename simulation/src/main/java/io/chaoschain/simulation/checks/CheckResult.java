package io.chaoschain.simulation.checks;

import java.util.List;
import java.util.Objects;

/**
 * A check's verdict.
 *
 * @param id the check's id
 * @param status pass, warn, fail, or error (the check could not run or could not judge)
 * @param summary one line; for an error, the reason the check could not run
 * @param evidence the facts behind the verdict, one line each (addresses, slots, decoded calls, values)
 */
public record CheckResult(String id, Status status, String summary, List<String> evidence) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
    }

    /**
     * Ordered by how they decide a report: PASS &lt; WARN &lt; ERROR &lt; FAIL. An ERROR outranks any warning (the
     * proposal was not judged) but never hides a FAIL: a report with a failure is a failure whatever else errored.
     */
    public enum Status {
        PASS,
        WARN,
        /** The check could not run or could not judge; its summary says why. Never a pass, never an attack found. */
        ERROR,
        FAIL;

        /** Lower-case, as reports write it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static CheckResult pass(String id, String summary, List<String> evidence) {
        return new CheckResult(id, Status.PASS, summary, evidence);
    }

    public static CheckResult warn(String id, String summary, List<String> evidence) {
        return new CheckResult(id, Status.WARN, summary, evidence);
    }

    public static CheckResult fail(String id, String summary, List<String> evidence) {
        return new CheckResult(id, Status.FAIL, summary, evidence);
    }

    /** The check could not run or could not judge: {@code reason} says why (a node that refused a read, ...). */
    public static CheckResult error(String id, String reason, List<String> evidence) {
        return new CheckResult(id, Status.ERROR, reason, evidence);
    }
}
