package io.chaoschain.agent;

import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a proposal's on-chain description: title, evidence, the exact change, how it was simulated and every
 * candidate tried. Deterministic for the same inputs, so a restarted node that re-derives it gets the same proposal id.
 */
final class ProposalWriter {
    private ProposalWriter() {}

    static ProposalDraft write(
            MarketTarget target,
            Opportunity opportunity,
            CandidateVerdict chosen,
            List<CandidateVerdict> iterations,
            String agent) {
        RateModel m = target.model();
        BigInteger newJump = chosen.jumpMultiplier();
        ProposalAction action = GovernanceAgent.action(target, newJump);
        SimulationReport r = chosen.report();
        String title = String.format(
                "Raise the jump multiplier of market %s from %s to %s",
                short4(target.market()),
                Percent.of(RateModelAnalyst.fraction(m.jumpMultiplierPerYear())),
                Percent.of(RateModelAnalyst.fraction(newJump)));
        StringBuilder d = new StringBuilder();
        d.append("# ").append(title).append("\n\n");
        d.append("Proposed by ChaosChain agent `")
                .append(agent)
                .append("` on chain `")
                .append(target.chain())
                .append("`.\n\n");
        d.append("## Evidence\n\n");
        d.append("Blocks ")
                .append(opportunity.fromBlock())
                .append("–")
                .append(opportunity.toBlock())
                .append(" (")
                .append(opportunity.samples())
                .append(" snapshots): ")
                .append(opportunity.summary())
                .append(".\n\n");
        d.append("## Change\n\n");
        d.append("One call to `")
                .append(target.market())
                .append("`: `setRateModel(")
                .append(m.baseRatePerYear())
                .append(", ")
                .append(m.multiplierPerYear())
                .append(", ")
                .append(newJump)
                .append(", ")
                .append(m.kink())
                .append(")`.\n");
        d.append("It changes only `jumpMultiplierPerYear` from ")
                .append(m.jumpMultiplierPerYear())
                .append(" to ")
                .append(newJump)
                .append(" (WAD; ")
                .append(Percent.of(RateModelAnalyst.fraction(m.jumpMultiplierPerYear())))
                .append(" → ")
                .append(Percent.of(RateModelAnalyst.fraction(newJump)))
                .append(" per year); base rate, multiplier and kink are unchanged.\n\n");
        d.append("## Simulation\n\n");
        d.append("Executed by the timelock on a fork at block ")
                .append(r.forkBlock())
                .append(", then ")
                .append(r.withProposal().transactions())
                .append(" recent transactions replayed against it:\n\n");
        d.append("| metric | without proposal | with proposal |\n|---|---|---|\n");
        for (String metric : List.of("utilization", "borrowApr", "supplyApr")) {
            d.append("| ")
                    .append(metric)
                    .append(" | ")
                    .append(Percent.of(CandidateVerdict.metric(r.metricsBefore(), metric)))
                    .append(" | ")
                    .append(Percent.of(CandidateVerdict.metric(r.metricsAfter(), metric)))
                    .append(" |\n");
        }
        d.append("\nReplayed borrows refused by their own rate ceiling: ")
                .append(r.withProposal().revertReasons().getOrDefault(CandidateVerdict.RATE_CEILING_REVERT, 0))
                .append(" (without the proposal: ")
                .append(r.baseline().revertReasons().getOrDefault(CandidateVerdict.RATE_CEILING_REVERT, 0))
                .append(").\n");
        d.append("Simulation report hash: `").append(r.reportHash()).append("`.\n\n");
        d.append(
                "## Candidates tried\n\n| jump multiplier | projected utilization | projected borrow APR | verdict |\n|---|---|---|---|\n");
        iterations.stream()
                .sorted(Comparator.comparing(CandidateVerdict::jumpMultiplier))
                .forEach(v -> d.append("| ")
                        .append(Percent.of(RateModelAnalyst.fraction(v.jumpMultiplier())))
                        .append(" | ")
                        .append(Percent.of(CandidateVerdict.metric(v.report().metricsAfter(), "utilization")))
                        .append(" | ")
                        .append(Percent.of(CandidateVerdict.metric(v.report().metricsAfter(), "borrowApr")))
                        .append(" | ")
                        .append(v.passed() ? "passes" : "fails: " + String.join("; ", v.reasons()))
                        .append(" |\n"));
        return new ProposalDraft(title, d.toString(), List.of(action), GovernanceAgent.change(target, newJump));
    }

    private static String short4(String address) {
        return address.substring(0, 6) + "…" + address.substring(address.length() - 4);
    }
}
