package io.chaoschain.agent.llm;

import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.FakeSimulator;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** One market, its evidence window and an analyst wired to a replaying model server. */
final class LlmFixtures {
    static final String MARKET = "0x00000000000000000000000000000000000000aa";
    static final String TIMELOCK = "0x00000000000000000000000000000000000000bb";
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final RateModel MODEL = new RateModel(
            E16.multiply(BigInteger.TWO),
            E16.multiply(BigInteger.TEN),
            E16.multiply(BigInteger.valueOf(25)),
            E16.multiply(BigInteger.valueOf(80)),
            E16.multiply(BigInteger.TEN));
    static final MarketTarget TARGET = new MarketTarget("eth", MARKET, TIMELOCK, MODEL);
    static final String SECRET = "sk-test-7f3c9a1e5b2d4c6e8f0a1b2c3d4e5f60";

    final List<String> progress = new ArrayList<>();
    final FakeSimulator simulator;
    final GuardStats stats = new GuardStats();

    /** Baseline utilization 97 %; each 100 % of jump multiplier removes 8 points (100 % projects 89 %). */
    LlmFixtures() {
        this.simulator = new FakeSimulator("0.97", "0.08", false);
    }

    static List<MarketSnapshot> history(String utilization, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new MarketSnapshot(
                        MARKET,
                        100 + i * 5L,
                        Instant.ofEpochSecond(1000 + i),
                        new BigDecimal(utilization),
                        new BigDecimal("0.13"),
                        new BigDecimal("0.11"),
                        BigDecimal.TEN,
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO))
                .toList();
    }

    static LlmSettings settings(LlmSettings.Provider provider, String baseUrl, int maxAttempts, Duration timeout) {
        return new LlmSettings(
                provider,
                baseUrl,
                provider == LlmSettings.Provider.OLLAMA ? "qwen3:8b" : "test-model",
                provider == LlmSettings.Provider.OLLAMA ? null : "TEST_LLM_KEY",
                12,
                maxAttempts,
                timeout,
                0,
                LlmSettings.DEFAULT_TOKEN_BUDGET);
    }

    LlmAnalyst analyst(LlmSettings settings) {
        PolicyGuard policy = new PolicyGuard(
                new AgentPolicy(Map.of(MARKET, Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));
        return LlmAnalyst.create(
                "analyst-1",
                settings,
                Map.of("TEST_LLM_KEY", SECRET)::get,
                new LlmAnalyst.Parts(
                        simulator, policy, AnalystSettings.defaults(), GovernanceHistory.NONE, stats, progress::add));
    }
}
