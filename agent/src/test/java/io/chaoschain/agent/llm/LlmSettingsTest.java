package io.chaoschain.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
    static LlmSettings with(String provider, String baseUrl, String apiKeyEnv, int maxAttempts) {
        return new LlmSettings(
                LlmSettings.Provider.parse(provider, "analyst.provider"),
                baseUrl,
                "m",
                apiKeyEnv,
                5,
                maxAttempts,
                Duration.ofSeconds(1),
                0,
                1000);
    }

    @Test
    void shouldNameTheFieldOfEveryBadValue() {
        assertThatThrownBy(() -> with("gemini", "http://x", null, 1))
                .hasMessage("analyst.provider must be openai, anthropic or ollama, got 'gemini'");
        assertThatThrownBy(() -> with("openai", "localhost:8000", null, 1))
                .hasMessage("analyst.baseUrl must be an http(s) URL, got 'localhost:8000'");
        assertThatThrownBy(() -> with("openai", "http://x", "sk-abc-123", 1))
                .hasMessageStartingWith("analyst.apiKeyEnv must name an environment variable");
        assertThatThrownBy(() -> with("anthropic", "http://x", null, 1))
                .hasMessageStartingWith("analyst.apiKeyEnv is required for provider anthropic");
        assertThatThrownBy(() -> with("openai", "http://x", null, 0))
                .hasMessage("analyst.maxAttempts must be at least 1, got 0");
    }

    @Test
    void shouldKeyRefusalsByProviderAndModel() {
        assertThat(with("OpenAI", "https://api.example.org/v1", "OPENAI_API_KEY", 3)
                        .modelId())
                .isEqualTo("openai/m");
    }
}
