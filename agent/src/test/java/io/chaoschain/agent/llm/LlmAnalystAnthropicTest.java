package io.chaoschain.agent.llm;

import static io.chaoschain.agent.llm.LlmAnalystOpenAiTest.json;
import static io.chaoschain.agent.llm.LlmFixtures.TARGET;
import static io.chaoschain.agent.llm.LlmFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.PriorAdvisor;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmAnalystAnthropicTest {
    final LlmFixtures fx = new LlmFixtures();

    LlmAnalyst analyst(ReplayServer server) {
        return fx.analyst(
                LlmFixtures.settings(LlmSettings.Provider.ANTHROPIC, server.url() + "/v1/", 3, Duration.ofSeconds(10)));
    }

    @Test
    void shouldFinalizeOverTheMessagesApiWithToolUseAndToolResultBlocks() {
        try (var server = new ReplayServer().replay("anthropic", "drafts-well", 3)) {
            AgentDecision decision = analyst(server)
                    .decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);

            assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
            var draft = ((AgentDecision.Finalized) decision).draft();
            assertThat(RateModelCalls.decodeSetRateModel(
                                    draft.actions().getFirst().calldata())
                            .jumpMultiplierPerYear())
                    .isEqualTo(BigInteger.TEN.pow(18));

            var requests = server.received();
            assertThat(requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/messages");
                assertThat(r.header("x-api-key")).isEqualTo(LlmFixtures.SECRET);
                assertThat(r.header("anthropic-version")).isNotBlank();
            });
            JsonNode first = json(requests.getFirst().body());
            assertThat(first.get("system").toString()).contains("governance analyst");
            assertThat(first.get("tools").findValuesAsText("name")).contains("simulate", "submit_draft");
            assertThat(first.get("tools").get(0).has("input_schema")).isTrue();
            JsonNode messages = json(requests.get(1).body()).get("messages");
            JsonNode assistant = messages.get(messages.size() - 2);
            assertThat(assistant.get("role").asText()).isEqualTo("assistant");
            assertThat(assistant.get("content").findValuesAsText("type")).contains("tool_use");
            JsonNode results = messages.get(messages.size() - 1);
            assertThat(results.get("role").asText()).isEqualTo("user");
            assertThat(results.get("content").findValuesAsText("type")).containsExactly("tool_result", "tool_result");
            assertThat(results.get("content").findValuesAsText("tool_use_id"))
                    .containsExactly("toolu_01metrics1Qx7Zk", "toolu_01params1Qx7Zk");
            assertThat(results.get("content").get(0).toString()).contains("samples");
        }
    }

    @Test
    void shouldSendTheRefusalBackAsAToolResultAndAcceptTheCorrectedDraft() {
        try (var server = new ReplayServer().replay("anthropic", "invents-then-corrects", 4)) {
            var analyst = analyst(server);
            AgentDecision decision =
                    analyst.decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);

            assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
            assertThat(analyst.lastTranscript().refusals()).hasSize(1);
            JsonNode messages = json(server.received().get(3).body()).get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("content").get(0).get("tool_use_id").asText()).isEqualTo("toolu_01submit13Qx7Zk");
            assertThat(last.get("content").get(0).toString()).contains("refused", "85%");
            assertThat(fx.stats.of("anthropic/test-model").guardRefusals()).isEqualTo(1);
        }
    }
}
