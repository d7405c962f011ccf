package io.chaoschain.simulation.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {
    private static final String A = "0x00000000000000000000000000000000000000a1";

    private static SafetyCheck check(String id, java.util.function.Function<SimulationEvidence, CheckResult> f) {
        return new SafetyCheck() {
            public String id() {
                return id;
            }

            public String title() {
                return id;
            }

            public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
                return f.apply(e);
            }
        };
    }

    private static SimulationEvidence evidence() {
        ProposalUnderTest p =
                ProposalUnderTest.draft(1, null, A, "", List.of(new ProposalAction(A, BigInteger.ZERO, "0x", "")));
        return new SimulationEvidence(
                0, p, List.of(), Map.of(), List.of(), List.of(), List.of(), Map.of(), BigInteger.ZERO, null, null);
    }

    @Test
    void shouldFindBuiltInsFirstThenServiceLoaderChecks() {
        List<String> ids =
                CheckRegistry.discover().checks().stream().map(SafetyCheck::id).toList();
        assertThat(ids.getFirst()).isEqualTo("execution");
        assertThat(ids).contains("no-selfdestruct", "no-delegatecall", "value-required", "proxy-resolution");
        assertThat(ids.getLast()).isEqualTo("zz-plugged-in");
    }

    @Test
    void shouldOrderGovernanceChecksNumericallyAfterTheBuiltIns() {
        List<String> ids =
                CheckRegistry.discover().checks().stream().map(SafetyCheck::id).toList();
        List<String> numbered = ids.stream().filter(id -> id.matches("C\\d+")).toList();

        assertThat(numbered)
                .containsExactly("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13");
        assertThat(ids.indexOf("C1")).isGreaterThan(ids.indexOf("execution"));
        assertThat(ids.indexOf("C1")).isGreaterThan(ids.indexOf("proxy-resolution"));
    }

    @Test
    void shouldCompareIdsWithNumbersByValue() {
        List<String> ids = new ArrayList<>(List.of("C10", "C2", "b", "C1", "a10", "a9", "C02", "C13"));
        ids.sort(CheckRegistry::compareIds);

        assertThat(ids).containsExactly("C1", "C02", "C2", "C10", "C13", "a9", "a10", "b");
    }

    @Test
    void shouldTurnACheckThatThrowsIntoAnErrorAndSkipDisabledChecks() {
        CheckRegistry registry = CheckRegistry.of(List.of(
                check("broken", e -> {
                    throw new IllegalStateException("boom");
                }),
                check("off", e -> CheckResult.pass("off", "x", List.of())),
                check("fine", e -> CheckResult.pass("fine", "ok", List.of()))));
        CheckSettings settings = CheckSettings.parse("{\"checks\": {\"off\": {\"enabled\": false}}}", false, "t");
        List<String> ran = new ArrayList<>();
        List<CheckResult> results = registry.evaluate(evidence(), settings, c -> ran.add(c.id()));
        assertThat(ran).containsExactly("broken", "fine");
        assertThat(results.getFirst().status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(results.getFirst().summary()).contains("could not run").contains("boom");
        assertThat(results.get(1).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldRejectTwoChecksWithOneId() {
        assertThatThrownBy(() -> CheckRegistry.of(List.of(check("x", e -> null), check("x", e -> null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void shouldTreatExecutorGovernorAndAllowlistAsDaoControlled() {
        ProposalUnderTest p = ProposalUnderTest.draft(
                1,
                "0x00000000000000000000000000000000000000b1",
                A,
                "",
                List.of(new ProposalAction(A, BigInteger.ZERO, "0x", "")));
        CheckSettings s = CheckSettings.of(Set.of("0x00000000000000000000000000000000000000C1"), Set.of(), null);
        assertThat(s.isDaoControlled(A, p)).isTrue();
        assertThat(s.isDaoControlled("0x00000000000000000000000000000000000000b1", p))
                .isTrue();
        assertThat(s.isDaoControlled("0x00000000000000000000000000000000000000c1", p))
                .isTrue();
        assertThat(s.isDaoControlled("0x00000000000000000000000000000000000000d1", p))
                .isFalse();
    }
}
