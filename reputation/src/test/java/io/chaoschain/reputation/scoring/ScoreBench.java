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
    ContributionKind[] kinds = ContributionKind.values();
    List<ContributionEvent> contributions = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      contributions.add(new ContributionEvent("agent-" + random.nextInt(5_000), domains.get(random.nextInt(16)),
          kinds[random.nextInt(kinds.length)], now.minusSeconds(random.nextInt(365 * 86_400))));
    }
    BigInteger[] values = new BigInteger[101];
    for (int v = 0; v <= 100; v++) {
      values[v] = BigInteger.valueOf(v);
    }
    List<FeedbackEvent> feedback = new ArrayList<>(feedbackCount);
    for (int i = 0; i < feedbackCount; i++) {
      feedback.add(new FeedbackEvent("0xreviewer" + random.nextInt(50_000), "agent-" + random.nextInt(5_000),
          domains.get(random.nextInt(16)), values[random.nextInt(101)], 0,
          now.minusSeconds(random.nextInt(365 * 86_400)), random.nextInt(50) == 0));
    }
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      owners.put("0xreviewer" + i, "agent-" + i);
    }
    ReputationLog log = new ReputationLog(contributions, feedback, owners);
    CredRankReputationEngine engine = new CredRankReputationEngine();
    for (int run = 0; run < 5; run++) {
      long start = System.nanoTime();
      ReputationScores scores = engine.score(log, now);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("run %d: %d feedback + %d contributions scored in %d ms (agent-7 total %s)%n",
          run, feedbackCount, contributions.size(), ms, scores.score("agent-7"));
    }
  }
}
