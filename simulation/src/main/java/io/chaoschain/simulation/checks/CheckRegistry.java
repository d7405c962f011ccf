package io.chaoschain.simulation.checks;

import io.chaoschain.simulation.checks.builtin.BuiltinChecks;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a simulation runs, in a fixed order: the built-in seatbelt-class checks first, then every
 * {@link SafetyCheck} found by {@link ServiceLoader} on the class path, sorted by id in natural order (numbers
 * inside ids compare by value: {@code C2} before {@code C10}). Ids must be unique.
 */
public final class CheckRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRegistry.class);

    private final List<SafetyCheck> checks;

    private CheckRegistry(List<SafetyCheck> checks) {
        Map<String, SafetyCheck> byId = new LinkedHashMap<>();
        for (SafetyCheck c : checks) {
            if (byId.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("two safety checks share the id '" + c.id() + "'");
            }
        }
        this.checks = List.copyOf(byId.values());
    }

    /** Exactly these checks, in this order. */
    public static CheckRegistry of(List<SafetyCheck> checks) {
        return new CheckRegistry(checks);
    }

    /** The built-in checks plus every ServiceLoader-registered check (sorted by id). */
    public static CheckRegistry discover() {
        List<SafetyCheck> all = new ArrayList<>(BuiltinChecks.all());
        List<SafetyCheck> found = new ArrayList<>();
        for (SafetyCheck c : ServiceLoader.load(SafetyCheck.class)) {
            found.add(c);
        }
        found.sort(java.util.Comparator.comparing(SafetyCheck::id, CheckRegistry::compareIds));
        all.addAll(found);
        return new CheckRegistry(all);
    }

    /**
     * Natural order of check ids: runs of digits compare by numeric value, everything else by character, so
     * {@code C1, C2, ..., C10} and not {@code C1, C10, C2}. Ties (such as {@code C01} and {@code C1}) fall back to
     * plain string order, keeping the order total.
     */
    static int compareIds(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = new java.math.BigInteger(a.substring(i, ei))
                        .compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    public List<SafetyCheck> checks() {
        return checks;
    }

    /**
     * Runs every enabled check. A check that throws ends in {@link CheckResult.Status#ERROR} with the exception's
     * message rather than aborting the run: a broken check must not hide the others' verdicts, and a check that could
     * not run has judged nothing (it neither passes nor counts as an attack found).
     */
    public List<CheckResult> evaluate(
            SimulationEvidence evidence, CheckSettings settings, java.util.function.Consumer<SafetyCheck> onCheck) {
        List<CheckResult> results = new ArrayList<>();
        for (SafetyCheck check : checks) {
            if (!settings.enabled(check.id())) {
                continue;
            }
            onCheck.accept(check);
            CheckResult r;
            try {
                r = check.evaluate(evidence, settings);
                if (!r.id().equals(check.id())) {
                    r = new CheckResult(check.id(), r.status(), r.summary(), r.evidence());
                }
            } catch (io.chaoschain.core.UserFacingException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("safety check {} failed to run", check.id(), e);
                r = CheckResult.error(check.id(), "the check could not run: " + e.getMessage(), List.of());
            }
            results.add(r);
        }
        return List.copyOf(results);
    }
}
