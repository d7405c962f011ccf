package io.chaoschain.simulation;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.internal.ReportWriter;
import java.util.List;

/**
 * The result of a {@link ProposalSimulationEngine} run: every proposal's evidence and check results, the canonical
 * JSON of it all and its hash (what an agent attests to).
 *
 * @param chainId the forked chain
 * @param forkBlock the block forked at
 * @param proposals each proposal as simulated, in execution order
 * @param checkTitles check id to its title, for rendering
 * @param canonicalJson the report as canonical JSON (sorted keys, no whitespace; see docs/simulation.md)
 * @param hash keccak256 of {@code canonicalJson}'s UTF-8 bytes, 0x + 64 hex
 */
public record SafetyReport(
        long chainId,
        long forkBlock,
        List<SimulatedProposal> proposals,
        java.util.Map<String, String> checkTitles,
        String canonicalJson,
        String hash) {

    public SafetyReport {
        proposals = List.copyOf(proposals);
        checkTitles = java.util.Map.copyOf(checkTitles);
    }

    /** The worst status over every proposal's checks. */
    public CheckResult.Status worst() {
        return proposals.stream()
                .map(SimulatedProposal::worst)
                .max(Enum::compareTo)
                .orElse(CheckResult.Status.PASS);
    }

    /** True when some check failed: the CLI exits 1. */
    public boolean failed() {
        return worst() == CheckResult.Status.FAIL;
    }

    /** True when no check failed but some check could not run or judge: the CLI exits 3. */
    public boolean errored() {
        return worst() == CheckResult.Status.ERROR;
    }

    /**
     * {@code low}, {@code medium}, {@code high}, or {@code unknown} when a check could not run and none failed: an
     * unjudged proposal is neither safe nor caught.
     */
    public String risk() {
        return riskOf(worst());
    }

    /** The report for people: markdown with decoded calls, diffs, events, checks and evidence. */
    public String markdown() {
        return ReportWriter.markdown(this);
    }

    /** The report as indented JSON (same content as {@link #canonicalJson()} plus the hash). */
    public String prettyJson() {
        return ReportWriter.pretty(this);
    }

    static String riskOf(CheckResult.Status worst) {
        return switch (worst) {
            case PASS -> "low";
            case WARN -> "medium";
            case ERROR -> "unknown";
            case FAIL -> "high";
        };
    }
}
