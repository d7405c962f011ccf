package io.chaoschain.agent.llm;

import static io.chaoschain.agent.llm.LlmFixtures.SECRET;
import static io.chaoschain.agent.llm.LlmFixtures.TARGET;
import static io.chaoschain.agent.llm.LlmFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.insight.PriorAdvisor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderFailureTest {
    final LlmFixtures fx = new LlmFixtures();

    AgentDecision decide(LlmSettings.Provider provider, String baseUrl, Duration timeout) {
        var analyst = fx.analyst(LlmFixtures.settings(provider, baseUrl, 3, timeout));
        return analyst.decide(TARGET, history("0.96", 10), "http://127.0.0.1:1", 100, 145, PriorAdvisor.NONE);
    }

    @Test
    void shouldFallBackToWaitingWhenTheProviderTimesOut() {
        try (var server = new ReplayServer().enqueue(new ReplayServer.Reply(200, "{}", true))) {
            AgentDecision decision = decide(LlmSettings.Provider.OPENAI, server.url() + "/v1", Duration.ofMillis(300));

            assertThat(decision).isInstanceOf(AgentDecision.Abandoned.class);
            String reason = ((AgentDecision.Abandoned) decision).reason();
            assertThat(reason)
                    .startsWith("analyst openai/test-model at " + server.url() + "/v1 failed: ")
                    .contains("no answer within 300 ms (analyst.timeoutMs)")
                    .contains("nothing submitted")
                    .doesNotContain("\n");
            assertThat(fx.simulator.requests).isEmpty();
        }
    }

    @Test
    void shouldFallBackToWaitingWhenTheProviderAnswersMalformedJson() {
        for (var provider : LlmSettings.Provider.values()) {
            String path = provider == LlmSettings.Provider.OLLAMA ? "" : "/v1/";
            try (var server = new ReplayServer()
                    .enqueue(ReplayServer.Reply.ok("{\"id\": \"chatcmpl-1\", \"choices\": [{\"message\": "))) {
                AgentDecision decision = decide(provider, server.url() + path, Duration.ofSeconds(5));

                assertThat(decision).as(provider.id()).isInstanceOf(AgentDecision.Abandoned.class);
                assertThat(((AgentDecision.Abandoned) decision).reason())
                        .as(provider.id())
                        .contains("analyst " + provider.id() + "/", "failed: malformed response", "nothing submitted")
                        .doesNotContain("\n");
            }
        }
        assertThat(fx.simulator.requests).isEmpty();
    }

    @Test
    void shouldNeverPutTheApiKeyInAnErrorEvenWhenTheServerEchoesIt() {
        String echoed = "{\"error\":{\"message\":\"Incorrect API key provided: " + SECRET
                + ". You can find your API key at your account page.\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}";
        try (var server = new ReplayServer().enqueue(new ReplayServer.Reply(401, echoed, false))) {
            AgentDecision decision = decide(LlmSettings.Provider.OPENAI, server.url() + "/v1", Duration.ofSeconds(5));

            assertThat(server.received().getFirst().header("Authorization")).isEqualTo("Bearer " + SECRET);
            String reason = ((AgentDecision.Abandoned) decision).reason();
            assertThat(reason)
                    .contains("HTTP 401", "Incorrect API key provided: ***")
                    .doesNotContain(SECRET);
            assertThat(fx.progress).isNotEmpty().noneMatch(line -> line.contains(SECRET));
            assertThat(fx.analyst(LlmFixtures.settings(
                                    LlmSettings.Provider.OPENAI, server.url(), 1, Duration.ofSeconds(1)))
                            .settings()
                            .toString())
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void shouldNameTheVariableWhenTheKeyIsNotSet() {
        var settings = LlmFixtures.settings(
                LlmSettings.Provider.ANTHROPIC, "http://127.0.0.1:1/v1/", 3, Duration.ofSeconds(1));
        assertThatThrownBy(() -> LlmAnalyst.create(
                        "a",
                        settings,
                        Map.<String, String>of()::get,
                        new LlmAnalyst.Parts(null, null, null, GovernanceHistory.NONE, new GuardStats(), s -> {})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("analyst.apiKeyEnv names TEST_LLM_KEY but that environment variable is not set;"
                        + " export it or remove apiKeyEnv");
    }
}
