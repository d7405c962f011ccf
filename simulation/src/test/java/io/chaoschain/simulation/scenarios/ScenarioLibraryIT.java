package io.chaoschain.simulation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.simulation.ProposalSimulationEngine;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulationPlan;
import io.chaoschain.simulation.checks.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario of the library through the simulation engine on one devnet (reverted to the same snapshot
 * before each): each attack must be failed by the checks it is written for, each benign proposal by none.
 */
@WithDevnet(revertAfterEachTest = true)
class ScenarioLibraryIT {
    private static final ProposalSimulationEngine ENGINE = new ProposalSimulationEngine();
    private static final Path SUMMARY = Path.of("target/scenario-results.txt");
    private static final Path PER_CHECK = Path.of("target/scenario-checks.md");
    private static final CheckTally TALLY = new CheckTally();
    private static ScenarioChain chain;

    @BeforeAll
    static void startChain(Devnet devnet) throws IOException {
        chain = new ScenarioChain(devnet);
        Files.writeString(SUMMARY, "");
    }

    static Stream<Scenario> scenarios() {
        return ScenarioCatalog.stream();
    }

    @Test
    void shouldHoldAtLeastTwentyAttacksAndFourteenBenignProposals() {
        assertThat(ScenarioCatalog.attacks()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(ScenarioCatalog.benign()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(ScenarioCatalog.all()).extracting(Scenario::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldFailAttacksOnTheirChecksAndPassBenignProposals(Scenario scenario) throws IOException {
        Scenario.Staged staged = scenario.setup().play(chain);

        SafetyReport report = ENGINE.run(
                new SimulationPlan(chain.devnet.rpcUrl(), -1, List.of(staged.proposal()), staged.settings()),
                line -> {});

        List<CheckResult> results = report.proposals().getFirst().checks();
        Set<String> failed = ids(results, CheckResult.Status.FAIL);
        Set<String> warned = ids(results, CheckResult.Status.WARN);
        Set<String> errored = ids(results, CheckResult.Status.ERROR);
        String details = results.stream()
                .filter(r -> r.status() != CheckResult.Status.PASS)
                .map(r -> r.id() + " " + r.status().label() + ": " + r.summary())
                .collect(Collectors.joining("\n  "));
        Files.writeString(
                SUMMARY,
                String.format(
                        "%-42s expected %-16s failed %-30s warned %-20s errors %s%n",
                        scenario.name(),
                        scenario.expectedFailures().isEmpty() ? "none" : new TreeSet<>(scenario.expectedFailures()),
                        failed,
                        warned,
                        errored),
                StandardOpenOption.APPEND);
        if (System.getProperty("scenario.debug") != null) {
            Files.writeString(
                    SUMMARY,
                    "  tokenDeltas " + report.proposals().getFirst().evidence().tokenDeltas() + "\n  "
                            + results.stream()
                                    .map(r -> r.id() + " " + r.status() + " " + r.summary() + " " + r.evidence())
                                    .collect(Collectors.joining("\n  "))
                            + "\n",
                    StandardOpenOption.APPEND);
        }
        TALLY.record(scenario, failed);
        if (scenario.benign()) {
            assertThat(failed)
                    .as("benign %s must not fail any check:\n  %s", scenario.name(), details)
                    .isEmpty();
            assertThat(errored)
                    .as("benign %s must be judged by every check (no error):\n  %s", scenario.name(), details)
                    .isEmpty();
        } else {
            assertThat(failed)
                    .as(
                            "attack %s (%s) must fail %s:\n  %s",
                            scenario.name(), scenario.basis(), scenario.expectedFailures(), details)
                    .containsAll(scenario.expectedFailures());
        }
    }

    @AfterAll
    static void writePerCheckTable() throws IOException {
        Files.writeString(PER_CHECK, TALLY.markdown());
    }

    private static Set<String> ids(List<CheckResult> results, CheckResult.Status status) {
        return results.stream()
                .filter(r -> r.status() == status)
                .map(CheckResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
