package io.chaoschain.reputation.scoring;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rough throughput check (not a test): scores a synthetic log of 1M feedback and 100k contribution events.
 * Run: {@code java -cp reputation/target/classes:reputation/target/test-classes:core/target/classes
 * io.chaoschain.reputation.scoring.ScoreBench [feedbackCount]}.
 */
public final class ScoreBench {
    private ScoreBench() {}

    public static void main(String[] args) {
        int feedbackCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SplittableRandom random = new SplittableRandom(42);
        List<Domain> domains = new ArrayList<>();
        for (String chain : List.of("1", "10", "8453", "42161")) {
            for (String area : List.of("risk-parameters", "treasury", "upgrades", "gas")) {
                domains.add(Domain.of(chain, area));
            }
        }
        ScoringKind[] kinds = ScoringKind.values();
        List<ContributionEvent> contributions = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            contributions.add(new ContributionEvent(
                    "agent-" + random.nextInt(5_000),
                    domains.get(random.nextInt(16)),
                    kinds[random.nextInt(kinds.length)],
                    now.minusSeconds(random.nextInt(365 * 86_400))));
        }
        BigInteger[] values = new BigInteger[101];
        for (int v = 0; v <= 100; v++) {
            values[v] = BigInteger.valueOf(v);
        }
        List<FeedbackEvent> feedback = new ArrayList<>(feedbackCount);
        for (int i = 0; i < feedbackCount; i++) {
            feedback.add(new FeedbackEvent(
                    "0xreviewer" + random.nextInt(50_000),
                    "agent-" + random.nextInt(5_000),
                    domains.get(random.nextInt(16)),
                    values[random.nextInt(101)],
                    0,
                    now.minusSeconds(random.nextInt(365 * 86_400)),
                    random.nextInt(50) == 0));
        }
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            owners.put("0xreviewer" + i, "agent-" + i);
        }
        ReputationLog log = new ReputationLog(contributions, feedback, owners);
        CredRankReputationEngine engine = new CredRankReputationEngine();
        long[] engineMs = new long[5];
        long[] baselineMs = new long[5];
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            ReputationScores scores = engine.score(log, now);
            engineMs[run] = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            Map<String, Double> baseline = fixedWeightedAverage(log);
            baselineMs[run] = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "run %d: %d feedback + %d contributions: engine %d ms, baseline %d ms (agent-7: %s vs %.3f)%n",
                    run,
                    feedbackCount,
                    contributions.size(),
                    engineMs[run],
                    baselineMs[run],
                    scores.score("agent-7"),
                    baseline.getOrDefault("agent-7", 0.0));
        }
        java.util.Arrays.sort(engineMs);
        java.util.Arrays.sort(baselineMs);
        System.out.printf(
                "median of 5: engine %d ms, baseline (fixed weighted average, no decay, no reviewer trust) %d ms,"
                        + " ratio %.1f%n",
                engineMs[2], baselineMs[2], (double) engineMs[2] / Math.max(1, baselineMs[2]));
    }

    /**
     * The baseline: the reference prototype's scoring, a fixed weighted average per agent — contributions weighted by
     * kind, feedback averaged — with no time decay, no reviewer weighting and no explanation.
     */
    static Map<String, Double> fixedWeightedAverage(ReputationLog log) {
        Map<String, double[]> sums = new HashMap<>();
        ScoringConfig config = ScoringConfig.defaults();
        for (ContributionEvent e : log.contributions()) {
            double[] s = sums.computeIfAbsent(e.agentId(), k -> new double[2]);
            s[0] += config.kindWeight(e.kind());
        }
        for (FeedbackEvent f : log.feedback()) {
            if (!f.revoked()) {
                double[] s = sums.computeIfAbsent(f.agentId(), k -> new double[2]);
                s[0] += f.value().doubleValue() / Math.pow(10, f.decimals()) / 100.0;
                s[1] += 1;
            }
        }
        Map<String, Double> scores = new HashMap<>();
        sums.forEach((agent, s) -> scores.put(agent, 0.7 * s[0] / Math.max(1, s[1]) + 0.3 * s[0]));
        return scores;
    }
}
