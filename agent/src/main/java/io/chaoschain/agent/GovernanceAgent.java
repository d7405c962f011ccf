package io.chaoschain.agent;

import io.chaoschain.agent.insight.AdaptationPrior;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.MetricProbe;
import io.chaoschain.core.simulation.ProposalSimulator;
import io.chaoschain.core.simulation.SimulationRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A governance agent for one lending market: detect → draft → simulate on a fork → refine until satisfactory →
 * finalize. Deterministic: the same metrics and the same chain give the same proposal, byte for byte.
 */
public final class GovernanceAgent implements Analyst {
    private final String name;
    private final RateModelAnalyst analyst;
    private final ProposalSimulator simulator;
    private final PolicyGuard policy;
    private final Consumer<String> progress;

    public GovernanceAgent(
            String name,
            RateModelAnalyst analyst,
            ProposalSimulator simulator,
            PolicyGuard policy,
            Consumer<String> progress) {
        this.name = name;
        this.analyst = analyst;
        this.simulator = simulator;
        this.policy = policy;
        this.progress = progress;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * One pass over the market.
     *
     * @param rpcUrl the chain to fork for simulation
     * @param history the market's recent snapshots (the evidence window)
     * @param replayFromBlock first block of traffic replayed in simulation
     * @param replayToBlock last block replayed; the fork is taken there
     */
    public AgentDecision decide(
            MarketTarget target,
            List<MarketSnapshot> history,
            String rpcUrl,
            long replayFromBlock,
            long replayToBlock) {
        return decide(target, history, rpcUrl, replayFromBlock, replayToBlock, PriorAdvisor.NONE);
    }

    /**
     * As {@link #decide(MarketTarget, List, String, long, long)}, but once a problem is detected the agent asks
     * {@code advisor} whether another chain solved it. With a prior, the first candidate is the current parameter scaled
     * by the insight's ratio and the coarse sweep is skipped when that candidate passes; either way every candidate is
     * simulated on this chain's fork and the result must pass this agent's own judgement and policy.
     */
    @Override
    public AgentDecision decide(
            MarketTarget target,
            List<MarketSnapshot> history,
            String rpcUrl,
            long replayFromBlock,
            long replayToBlock,
            PriorAdvisor advisor) {
        Optional<Opportunity> found = analyst.detect(target.market(), history, target.model());
        if (found.isEmpty()) {
            return new AgentDecision.NoOpportunity(
                    history.size() < analyst.settings().minSamples()
                            ? "only " + history.size() + " snapshots; need "
                                    + analyst.settings().minSamples()
                            : "utilization is not persistently above the threshold");
        }
        Opportunity opportunity = found.get();
        progress.accept("opportunity: " + opportunity.summary());

        List<CandidateVerdict> iterations = new ArrayList<>();
        List<BigInteger> sweep = analyst.initialCandidates(target.model());
        AdaptationPrior prior =
                usablePrior(target, advisor.consult(target, opportunity)).orElse(null);
        if (prior != null) {
            BigInteger start = scaled(target.model().jumpMultiplierPerYear(), prior.ratio());
            progress.accept("adapting cross-chain insight "
                    + shortHash(prior.insight().id()) + " from chain "
                    + prior.insight().sourceChainId() + ": starting at x"
                    + prior.ratio().stripTrailingZeros().toPlainString()
                    + " (jump " + Percent.of(RateModelAnalyst.fraction(start)) + ") instead of the coarse sweep");
            iterations.addAll(simulate(target, List.of(start), rpcUrl, replayFromBlock, replayToBlock));
            if (!iterations.getFirst().passed()) {
                // the other chain's fix is not enough here: fall back to the sweep above it
                sweep = sweep.stream().filter(j -> j.compareTo(start) > 0).toList();
                progress.accept(
                        "the insight's ratio does not pass here; sweeping " + sweep.size() + " larger candidates");
                iterations.addAll(simulate(target, sweep, rpcUrl, replayFromBlock, replayToBlock));
            }
            if (sweep.isEmpty()) {
                sweep = List.of(start);
            }
        } else {
            progress.accept("simulating " + sweep.size() + " candidate jump multipliers on a fork: "
                    + sweep.stream()
                            .map(j -> Percent.of(RateModelAnalyst.fraction(j)))
                            .toList());
            iterations.addAll(simulate(target, sweep, rpcUrl, replayFromBlock, replayToBlock));
        }

        Optional<CandidateVerdict> best = smallestPassing(iterations);
        if (best.isEmpty()) {
            return new AgentDecision.Abandoned(
                    opportunity,
                    iterations,
                    "no candidate up to " + Percent.of(RateModelAnalyst.fraction(sweep.getLast()))
                            + " met the target without" + " breaking a constraint");
        }
        // Refine: bisect between the largest failing candidate below the best and the best, for the smallest change
        // that works.
        for (int round = 1; round <= analyst.settings().refinementRounds(); round++) {
            CandidateVerdict passing = smallestPassing(iterations).orElseThrow();
            BigInteger lower = iterations.stream()
                    .filter(v -> !v.passed() && v.jumpMultiplier().compareTo(passing.jumpMultiplier()) < 0)
                    .map(CandidateVerdict::jumpMultiplier)
                    .max(Comparator.naturalOrder())
                    .orElse(target.model().jumpMultiplierPerYear());
            BigInteger mid = lower.add(passing.jumpMultiplier()).shiftRight(1);
            mid = mid.divide(ROUNDING).multiply(ROUNDING); // whole basis points keep proposals readable
            if (mid.compareTo(lower) <= 0 || mid.compareTo(passing.jumpMultiplier()) >= 0) {
                break;
            }
            progress.accept("refining (round " + round + "): trying " + Percent.of(RateModelAnalyst.fraction(mid)));
            iterations.addAll(simulate(target, List.of(mid), rpcUrl, replayFromBlock, replayToBlock));
        }
        CandidateVerdict chosen = smallestPassing(iterations).orElseThrow();
        ProposalDraft draft = ProposalWriter.write(target, opportunity, chosen, iterations, name);
        if (prior != null) {
            SharedInsight i = prior.insight();
            draft = new ProposalDraft(
                    draft.title(),
                    draft.description() + "\n\n## Cross-chain insight\n\nThe search started"
                            + " from insight " + i.id() + " (chain " + i.sourceChainId() + ", agent " + i.sourceAgent()
                            + ", proposal "
                            + i.proposalId() + "): " + i.parameter() + " x"
                            + prior.ratio().stripTrailingZeros().toPlainString()
                            + ". Every candidate above was simulated on this chain's fork.\n",
                    draft.actions(),
                    draft.change());
        }
        policy.check(draft, chosen.report(), chosen.passed(), target.model());
        progress.accept("finalized: " + draft.title() + " (simulation report "
                + chosen.report().reportHash() + ")");
        return new AgentDecision.Finalized(opportunity, draft, chosen, List.copyOf(iterations), prior);
    }

    /** The parameter this agent tunes is the jump multiplier; a prior about anything else, or shrinking it, is unused. */
    private Optional<AdaptationPrior> usablePrior(MarketTarget target, Optional<AdaptationPrior> prior) {
        return prior.filter(p -> "jumpMultiplierPerYear".equals(p.parameter())
                && p.ratio() != null
                && p.ratio().compareTo(java.math.BigDecimal.ONE) > 0
                && target.model().jumpMultiplierPerYear().signum() > 0);
    }

    private static BigInteger scaled(BigInteger value, java.math.BigDecimal ratio) {
        BigInteger raw = new java.math.BigDecimal(value).multiply(ratio).toBigInteger();
        return raw.divide(ROUNDING).multiply(ROUNDING);
    }

    private static String shortHash(String id) {
        return id.length() > 14 ? id.substring(0, 10) + "…" : id;
    }

    private static final BigInteger ROUNDING = BigInteger.TEN.pow(14); // 0.01 % in WAD

    private List<CandidateVerdict> simulate(
            MarketTarget target, List<BigInteger> jumps, String rpcUrl, long fromBlock, long toBlock) {
        List<SimulationRequest> requests = jumps.stream()
                .map(j -> new SimulationRequest(
                        rpcUrl,
                        target.executor(),
                        List.of(action(target, j)),
                        fromBlock,
                        toBlock,
                        List.of(target.market()),
                        probes(target.market())))
                .toList();
        var reports = simulator.simulateAll(requests);
        List<CandidateVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < jumps.size(); i++) {
            CandidateVerdict verdict = CandidateVerdict.judge(jumps.get(i), reports.get(i), analyst.settings());
            progress.accept(String.format(
                    "  jump %s: utilization %s -> %s, borrow APR %s -> %s: %s",
                    Percent.of(RateModelAnalyst.fraction(jumps.get(i))),
                    Percent.of(CandidateVerdict.metric(verdict.report().metricsBefore(), "utilization")),
                    Percent.of(CandidateVerdict.metric(verdict.report().metricsAfter(), "utilization")),
                    Percent.of(CandidateVerdict.metric(verdict.report().metricsBefore(), "borrowApr")),
                    Percent.of(CandidateVerdict.metric(verdict.report().metricsAfter(), "borrowApr")),
                    verdict.passed() ? "passes" : "fails (" + String.join("; ", verdict.reasons()) + ")"));
            verdicts.add(verdict);
        }
        return verdicts;
    }

    static ProposalAction action(MarketTarget target, BigInteger jump) {
        RateModel m = target.model();
        return RateModelCalls.setRateModel(
                target.market(),
                new RateModel(m.baseRatePerYear(), m.multiplierPerYear(), jump, m.kink(), m.reserveFactor()));
    }

    static ParameterChange change(MarketTarget target, BigInteger jump) {
        return new ParameterChange(
                target.market(), "jumpMultiplierPerYear", target.model().jumpMultiplierPerYear(), jump);
    }

    /** The probes every candidate is measured by; names are what {@link CandidateVerdict} reads. */
    public static List<MetricProbe> probes(String market) {
        return List.of(
                new MetricProbe("utilization", market, RateModelCalls.viewCall("utilization"), 18),
                new MetricProbe("borrowApr", market, RateModelCalls.viewCall("borrowRatePerYear"), 18),
                new MetricProbe("supplyApr", market, RateModelCalls.viewCall("supplyRatePerYear"), 18),
                new MetricProbe("totalBorrows", market, RateModelCalls.viewCall("totalBorrows"), 18),
                new MetricProbe("cash", market, RateModelCalls.viewCall("getCash"), 18));
    }

    private static Optional<CandidateVerdict> smallestPassing(List<CandidateVerdict> verdicts) {
        return verdicts.stream()
                .filter(CandidateVerdict::passed)
                .min(Comparator.comparing(CandidateVerdict::jumpMultiplier));
    }
}
