package io.chaoschain.agent.llm;

import static io.chaoschain.agent.llm.LlmAnalystOpenAiTest.json;
import static io.chaoschain.agent.llm.LlmFixtures.TARGET;
import static io.chaoschain.agent.llm.LlmFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.insight.PriorAdvisor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmAnalystOllamaTest {
    final LlmFixtures fx = new LlmFixtures();

    @Test
    void shouldFinalizeOverOllamasChatApiWithoutAnyKey() {
        try (var server = new ReplayServer().replay("ollama", "drafts-well", 3)) {
            var analyst = fx.analyst(
                    LlmFixtures.settings(LlmSettings.Provider.OLLAMA, server.url(), 3, Duration.ofSeconds(10)));
            AgentDecision decision =
                    analyst.decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);

            assertThat(decision).isInstanceOf(AgentDecision.Finalized.class);
            var requests = server.received();
            assertThat(requests).hasSize(3).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/api/chat");
                assertThat(r.header("Authorization")).isNull();
            });
            JsonNode first = json(requests.getFirst().body());
            assertThat(first.get("model").asText()).isEqualTo("qwen3:8b");
            assertThat(first.get("stream").asBoolean()).isFalse();
            assertThat(first.get("tools").findValuesAsText("name")).contains("market_metrics", "submit_draft");
            JsonNode messages = json(requests.get(1).body()).get("messages");
            assertThat(messages.get(2).get("tool_calls").findValuesAsText("name"))
                    .containsExactly("market_metrics", "market_parameters");
            assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
            assertThat(messages.get(3).get("content").asText()).contains("\"samples\":10");
            assertThat(analyst.lastTranscript().modelId()).isEqualTo("ollama/qwen3:8b");
        }
    }
}
