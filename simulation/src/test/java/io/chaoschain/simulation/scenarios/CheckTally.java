package io.chaoschain.simulation.scenarios;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-check precision and recall over the scenario library, as docs/simulation-checks.md shows them. For a check:
 * an attack that lists it and that it fails is a hit, an attack that lists it and that it does not fail is a miss, a
 * benign proposal it fails is a false alarm; it may also fail attacks that do not list it (found for another reason).
 * Precision is failures on attacks over all its failures, recall is hits over the attacks that list it.
 */
final class CheckTally {
    private final Map<String, int[]> counts = new TreeMap<>(CheckTally::byNumber);

    private static final int EXPECTED = 0;
    private static final int HIT = 1;
    private static final int OTHER_ATTACK = 2;
    private static final int FALSE_ALARM = 3;

    synchronized void record(Scenario scenario, Set<String> failed) {
        if (scenario.benign()) {
            failed.forEach(id -> row(id)[FALSE_ALARM]++);
            return;
        }
        for (String id : scenario.expectedFailures()) {
            int[] row = row(id);
            row[EXPECTED]++;
            if (failed.contains(id)) {
                row[HIT]++;
            }
        }
        failed.stream().filter(id -> !scenario.expectedFailures().contains(id)).forEach(id -> row(id)[OTHER_ATTACK]++);
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| check | attacks listing it | caught | recall | other attacks it fails | false alarms"
                + " on benign | precision |\n");
        out.append("|-------|-------------------:|-------:|-------:|-----------------------:|"
                + "---------------------:|----------:|\n");
        counts.forEach((id, r) -> {
            int onAttacks = r[HIT] + r[OTHER_ATTACK];
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %d | %d | %s |%n",
                    id,
                    r[EXPECTED],
                    r[HIT],
                    ratio(r[HIT], r[EXPECTED]),
                    r[OTHER_ATTACK],
                    r[FALSE_ALARM],
                    ratio(onAttacks, onAttacks + r[FALSE_ALARM])));
        });
        return out.toString();
    }

    private int[] row(String id) {
        return counts.computeIfAbsent(id, k -> new int[4]);
    }

    private static String ratio(int num, int den) {
        return den == 0 ? "–" : String.format(Locale.ROOT, "%.2f", (double) num / den);
    }

    /** C2 before C10: by the number after the letter, then by name. */
    private static int byNumber(String a, String b) {
        return Integer.compare(number(a), number(b)) != 0 ? Integer.compare(number(a), number(b)) : a.compareTo(b);
    }

    private static int number(String id) {
        String digits = id.replaceAll("\\D", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
