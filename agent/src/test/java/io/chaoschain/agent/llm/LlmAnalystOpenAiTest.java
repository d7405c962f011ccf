package io.chaoschain.agent.llm;

import static io.chaoschain.agent.llm.LlmFixtures.TARGET;
import static io.chaoschain.agent.llm.LlmFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.core.Json;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmAnalystOpenAiTest {
    final LlmFixtures fx = new LlmFixtures();
    LlmAnalyst analyst;

    AgentDecision decide(ReplayServer server, int maxAttempts, String utilization) {
        var settings = LlmFixtures.settings(
                LlmSettings.Provider.OPENAI, server.url() + "/v1", maxAttempts, Duration.ofSeconds(10));
        analyst = fx.analyst(settings);
        return analyst.decide(TARGET, history(utilization, 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldFinalizeADraftWhoseNumbersAllComeFromToolResults() {
        try (var server = new ReplayServer().replay("openai", "drafts-well", 3)) {
            AgentDecision decision = decide(server, 3, "0.96");

            assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
            var finalized = (AgentDecision.Finalized) decision;
            var decoded = RateModelCalls.decodeSetRateModel(
                    finalized.draft().actions().getFirst().calldata());
            assertThat(decoded.jumpMultiplierPerYear()).isEqualTo(BigInteger.TEN.pow(18));
            assertThat(decoded.kink()).isEqualTo(LlmFixtures.MODEL.kink());
            assertThat(finalized.draft().change().oldValue()).isEqualTo(LlmFixtures.MODEL.jumpMultiplierPerYear());
            assertThat(finalized.chosen().passed()).isTrue();
            assertThat(finalized.draft().description())
                    .contains("89%", finalized.chosen().report().reportHash());
            // the explicit simulate call and the node's own simulation of the final draft
            assertThat(fx.simulator.requests).hasSize(2);
            assertThat(fx.stats.of("openai/test-model").drafts()).isEqualTo(1);
            assertThat(fx.stats.of("openai/test-model").guardRefusals()).isZero();

            List<ReplayServer.Received> requests = server.received();
            assertThat(requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/chat/completions");
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + LlmFixtures.SECRET);
            });
            JsonNode first = json(requests.getFirst().body());
            assertThat(first.get("model").asText()).isEqualTo("test-model");
            assertThat(first.get("tools").findValuesAsText("name"))
                    .containsExactly(
                            "market_metrics", "market_parameters", "governance_history", "simulate", "submit_draft");
            assertThat(first.get("messages").get(0).get("role").asText()).isEqualTo("system");
            // the second turn answers both parallel tool calls, each by its id
            JsonNode second = json(requests.get(1).body()).get("messages");
            JsonNode assistant = second.get(2);
            assertThat(assistant.get("role").asText()).isEqualTo("assistant");
            assertThat(assistant.get("tool_calls").findValuesAsText("id"))
                    .containsExactly("call_metrics_1", "call_params_1");
            assertThat(second.get(3).get("role").asText()).isEqualTo("tool");
            assertThat(second.get(3).get("tool_call_id").asText()).isEqualTo("call_metrics_1");
            assertThat(second.get(3).get("content").asText()).contains("\"samples\":10");
            assertThat(second.get(4).get("tool_call_id").asText()).isEqualTo("call_params_1");
            assertThat(second.get(4).get("content").asText()).contains("\"jumpMultiplierPerYear\"");
            JsonNode third = json(requests.get(2).body()).get("messages");
            assertThat(third.get(third.size() - 1).get("content").asText()).contains("\"passed\":true", "0.89");

            var calls = analyst.lastTranscript().entries().stream()
                    .filter(TranscriptEntry.ToolCall.class::isInstance)
                    .map(e -> ((TranscriptEntry.ToolCall) e).tool())
                    .toList();
            assertThat(calls).containsExactly("market_metrics", "market_parameters", "simulate", "submit_draft");
            assertThat(analyst.lastTranscript().entries().getLast()).isInstanceOf(TranscriptEntry.Outcome.class);
        }
    }

    @Test
    void shouldRefuseAnInventedNumberTellTheModelAndAcceptItsCorrection() {
        try (var server = new ReplayServer().replay("openai", "invents-then-corrects", 4)) {
            var settings =
                    LlmFixtures.settings(LlmSettings.Provider.OPENAI, server.url() + "/v1", 3, Duration.ofSeconds(10));
            var analyst = fx.analyst(settings);
            AgentDecision decision =
                    analyst.decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);

            assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
            var refusals = analyst.lastTranscript().refusals();
            assertThat(refusals)
                    .singleElement()
                    .satisfies(r -> assertThat(r.reasons())
                            .containsExactly(
                                    "the claim \"85%\" matches no value in the tool results",
                                    "the claim \"12.00%\" matches no value in the tool results"));
            // refused before simulation: only the explicit simulate call and the accepted draft reached the fork
            assertThat(fx.simulator.requests).hasSize(2);
            JsonNode fourth = json(server.received().get(3).body()).get("messages");
            JsonNode told = fourth.get(fourth.size() - 1);
            assertThat(told.get("role").asText()).isEqualTo("tool");
            assertThat(told.get("tool_call_id").asText()).isEqualTo("call_submit1_3");
            assertThat(told.get("content").asText()).contains("refused", "\"85%\"", "\"12.00%\"");
            var counts = fx.stats.of("openai/test-model");
            assertThat(counts.drafts()).isEqualTo(2);
            assertThat(counts.guardRefusals()).isEqualTo(1);
            assertThat(counts.hallucinationRate()).isEqualTo(0.5);
        }
    }

    @Test
    void shouldGiveUpWithoutSubmittingWhenEveryDraftInventsNumbers() {
        try (var server = new ReplayServer().replay("openai", "keeps-inventing", 4)) {
            AgentDecision decision = decide(server, 2, "0.96");

            assertThat(decision).isInstanceOf(AgentDecision.Abandoned.class);
            assertThat(((AgentDecision.Abandoned) decision).reason())
                    .contains("gave up", "2 drafts refused", "analyst.maxAttempts", "\"85%\"")
                    .doesNotContain("12.00%");
            assertThat(fx.simulator.requests).hasSize(1);
            assertThat(server.received()).hasSize(4);
            assertThat(fx.stats.of("openai/test-model").guardRefusals()).isEqualTo(2);
        }
    }

    @Test
    void shouldProposeNothingWhenTheModelFindsTheMarketHealthy() {
        try (var server = new ReplayServer().replay("openai", "healthy", 2)) {
            AgentDecision decision = decide(server, 3, "0.70");

            assertThat(decision).isInstanceOf(AgentDecision.NoOpportunity.class);
            assertThat(((AgentDecision.NoOpportunity) decision).reason()).contains("no change is needed");
            assertThat(fx.simulator.requests).isEmpty();
        }
    }

    AgentDecision decideWithin(ReplayServer server, int maxToolCalls, int tokenBudget) {
        var settings = new LlmSettings(
                LlmSettings.Provider.OPENAI,
                server.url() + "/v1",
                "test-model",
                "TEST_LLM_KEY",
                maxToolCalls,
                3,
                Duration.ofSeconds(10),
                0,
                tokenBudget);
        return fx.analyst(settings)
                .decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);
    }

    @Test
    void shouldStopWhenTheDecisionExceedsItsTokenBudget() {
        // the first recorded reply reports 1350 tokens
        try (var server = new ReplayServer().replay("openai", "drafts-well", 3)) {
            AgentDecision decision = decideWithin(server, 12, 1000);

            assertThat(((AgentDecision.Abandoned) decision).reason())
                    .contains("used 1350 tokens, over its budget of 1000 (analyst.tokenBudget)");
            assertThat(server.received()).hasSize(1);
            assertThat(fx.simulator.requests).isEmpty();
        }
    }

    @Test
    void shouldStopWhenTheModelMakesMoreToolCallsThanAllowed() {
        try (var server = new ReplayServer().replay("openai", "drafts-well", 3)) {
            AgentDecision decision = decideWithin(server, 2, 60_000);

            assertThat(((AgentDecision.Abandoned) decision).reason())
                    .contains("more than 2 tool calls (analyst.maxToolCalls)");
            assertThat(server.received()).hasSize(2);
            assertThat(fx.simulator.requests).isEmpty();
        }
    }
}
