package io.chaoschain.simulation.scenarios;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every scenario family of the library. A family is one class with a static {@code all()}; add it here with one
 * line so that {@link ScenarioLibraryIT} runs it and the precision/recall table counts it.
 */
final class ScenarioCatalog {
    private static final List<Supplier<List<Scenario>>> FAMILIES = List.of(
            AttackScenarios::all,
            BenignScenarios::all,
            UpgradeControlScenarios::all,
            ClockHistoryScenarios::all,
            ProtocolScenarios::all,
            DescriptionScenarios::all,
            AbiScenarios::all);

    private ScenarioCatalog() {}

    static List<Scenario> all() {
        return FAMILIES.stream().flatMap(f -> f.get().stream()).toList();
    }

    static List<Scenario> attacks() {
        return all().stream().filter(s -> !s.benign()).toList();
    }

    static List<Scenario> benign() {
        return all().stream().filter(Scenario::benign).toList();
    }

    static Stream<Scenario> stream() {
        return all().stream();
    }
}
