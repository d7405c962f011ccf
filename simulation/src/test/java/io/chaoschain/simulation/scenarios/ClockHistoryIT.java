package io.chaoschain.simulation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.simulation.ProposalSimulationEngine;
import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulatedProposal;
import io.chaoschain.simulation.SimulationPlan;
import io.chaoschain.simulation.checks.CheckResult;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clock-and-history family on its own: governors counting seconds after months of history, a 7,200-block voting
 * period still open at the fork block, a Bravo-style governor with signature-form actions. Every check must run on
 * every proposal (no error); attacks fail their expected checks, benign proposals none.
 */
@WithDevnet(revertAfterEachTest = true)
class ClockHistoryIT {
    private static final ProposalSimulationEngine ENGINE = new ProposalSimulationEngine();
    private static ScenarioChain chain;

    @BeforeAll
    static void startChain(Devnet devnet) {
        chain = new ScenarioChain(devnet);
    }

    static Stream<Scenario> scenarios() {
        return ClockHistoryScenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldRunEveryCheckAndJudgeAsExpected(Scenario scenario) {
        Scenario.Staged staged = scenario.setup().play(chain);

        SafetyReport report = ENGINE.run(
                new SimulationPlan(chain.devnet.rpcUrl(), -1, List.of(staged.proposal()), staged.settings()),
                line -> {});

        List<CheckResult> results = report.proposals().getFirst().checks();
        String details = results.stream()
                .filter(r -> r.status() != CheckResult.Status.PASS)
                .map(r -> r.id() + " " + r.status().label() + ": " + r.summary())
                .collect(Collectors.joining("\n  "));
        assertThat(results).hasSize(ENGINE.checks().checks().size());
        assertThat(ids(results, CheckResult.Status.ERROR))
                .as("%s: every check must run:\n  %s", scenario.name(), details)
                .isEmpty();
        SimulatedProposal simulated = report.proposals().getFirst();
        if (scenario.name().contains("7200")) {
            // the rest of the voting period was mined on the fork, then the proposal was queued and executed
            assertThat(simulated.execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
            assertThat(simulated.evidence().fork().preBlock() - report.forkBlock())
                    .isGreaterThan(ClockHistoryScenarios.LONG_PERIOD_BLOCKS - 20);
        }
        if (scenario.name().contains("timestamp-clock") && !scenario.name().contains("flash")) {
            assertThat(simulated.execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
        }
        if (staged.proposal() instanceof ProposalSource.Existing
                && scenario.name().contains("timestamp-clock")
                && !scenario.name().contains("flash")) {
            // C2's freshness window was measured in seconds and found in blocks by timestamp
            CheckResult c2 = results.stream()
                    .filter(r -> r.id().equals("C2"))
                    .findFirst()
                    .orElseThrow();
            assertThat(String.join("\n", c2.evidence()) + c2.summary())
                    .as(scenario.name())
                    .containsPattern("within 86400 s \\(blocks \\d+\\.\\.\\d+\\)");
        }
        Set<String> failed = ids(results, CheckResult.Status.FAIL);
        if (scenario.benign()) {
            assertThat(failed).as("benign %s:\n  %s", scenario.name(), details).isEmpty();
            assertThat(report.risk()).isIn("low", "medium");
        } else {
            assertThat(failed)
                    .as("attack %s must fail %s:\n  %s", scenario.name(), scenario.expectedFailures(), details)
                    .containsAll(scenario.expectedFailures());
            assertThat(report.risk()).isEqualTo("high");
        }
    }

    private static Set<String> ids(List<CheckResult> results, CheckResult.Status status) {
        return results.stream()
                .filter(r -> r.status() == status)
                .map(CheckResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
