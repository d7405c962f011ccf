package io.chaoschain.simulation.scenarios;

import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.checks.CheckSettings;
import java.util.Set;

/**
 * One entry of the scenario library: a history played on the devnet (deployments, funding, delegations, votes,
 * the attack's own transactions) ending in a proposal to simulate, and the checks expected to fail on it. A benign
 * scenario expects none.
 *
 * @param name short id, used as the test's display name
 * @param basis the public incident it follows, or what kind of everyday proposal it is
 * @param expectedFailures check ids that must fail (empty: no check may fail)
 * @param setup plays the history and returns what to simulate
 */
record Scenario(String name, String basis, Set<String> expectedFailures, Setup setup) {

    boolean benign() {
        return expectedFailures.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }

    /** What a setup hands to the engine. */
    record Staged(ProposalSource proposal, CheckSettings settings) {
        Staged(ProposalSource proposal) {
            this(proposal, ScenarioChain.settings(java.util.Set.of(), java.util.Set.of()));
        }
    }

    @FunctionalInterface
    interface Setup {
        Staged play(ScenarioChain chain);
    }
}
