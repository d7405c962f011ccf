package io.chaoschain.simulation.checks;

import java.util.List;
import java.util.Objects;

/**
 * A check's verdict.
 *
 * @param id the check's id
 * @param status pass, warn or fail
 * @param summary one line
 * @param evidence the facts behind the verdict, one line each (addresses, slots, decoded calls, values)
 */
public record CheckResult(String id, Status status, String summary, List<String> evidence) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
    }

    /** Ordered by severity: PASS &lt; WARN &lt; FAIL. */
    public enum Status {
        PASS,
        WARN,
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
}
