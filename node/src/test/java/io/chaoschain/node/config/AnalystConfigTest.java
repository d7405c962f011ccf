package io.chaoschain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.agent.llm.LlmSettings;
import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's {@code analyst} block in node.yaml. */
class AnalystConfigTest {
    @TempDir
    Path dir;

    private NodeConfig load(String analyst) throws Exception {
        String yaml = MinimalConfig.YAML + (analyst.isEmpty() ? "" : "    analyst: " + analyst + "\n");
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), yaml));
    }

    private String error(String analyst) {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(analyst));
        assertThat(thrown).isInstanceOf(UserFacingException.class);
        return thrown.getMessage();
    }

    @Test
    void shouldUseTheRulesAnalystByDefault() throws Exception {
        var analyst = load("").agents().getFirst().analyst();
        assertThat(analyst.kind()).isEqualTo("rules");
        assertThat(analyst.isLlm()).isFalse();
        assertThat(load("{kind: rules}").agents().getFirst().analyst().isLlm()).isFalse();
    }

    @Test
    void shouldReadAnLlmAnalystWithItsLimits() throws Exception {
        var llm = load("{kind: llm, provider: openai, baseUrl: 'http://127.0.0.1:8000/v1', model: qwen3,"
                        + " apiKeyEnv: OPENAI_API_KEY, maxToolCalls: 8, maxAttempts: 2, timeoutMs: 15000}")
                .agents()
                .getFirst()
                .analyst()
                .llm();
        assertThat(llm.provider()).isEqualTo(LlmSettings.Provider.OPENAI);
        assertThat(llm.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(llm.model()).isEqualTo("qwen3");
        assertThat(llm.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(llm.maxToolCalls()).isEqualTo(8);
        assertThat(llm.maxAttempts()).isEqualTo(2);
        assertThat(llm.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(llm.tokenBudget()).isEqualTo(LlmSettings.DEFAULT_TOKEN_BUDGET);
    }

    @Test
    void shouldNameTheBadFieldInOneLine() {
        assertThat(error("{kind: gpt}")).endsWith("agents[0].analyst.kind must be rules or llm, got 'gpt'");
        assertThat(error("{kind: llm, provider: gemini, baseUrl: 'http://x', model: m}"))
                .endsWith("agents[0].analyst.provider must be openai, anthropic or ollama, got 'gemini'");
        assertThat(error("{kind: llm, provider: openai, model: m}"))
                .endsWith("agents[0].analyst.baseUrl is required for provider openai");
        assertThat(error("{kind: llm, provider: anthropic, baseUrl: 'https://x/v1/', model: m}"))
                .contains("agents[0].analyst.apiKeyEnv is required for provider anthropic");
        assertThat(error("{kind: llm, provider: ollama, baseUrl: 'http://x', model: m, timeoutMs: fast}"))
                .endsWith("agents[0].analyst.timeoutMs must be an integer, got 'fast'");
        assertThat(error("{kind: llm, provider: ollama, baseUrl: 'http://x', model: m, maxAttempts: 0}"))
                .endsWith("agents[0].analyst.maxAttempts must be at least 1, got 0");
        assertThat(error("{kind: llm, provider: openai, baseUrl: 'http://x', model: m, apiKey: sk-123}"))
                .contains("agents[0].analyst.apiKey is not a known setting");
        assertThat(error("{model: m}"))
                .endsWith("agents[0].analyst.model only applies to kind: llm (this analyst is kind: rules)");
    }

    @Test
    void shouldRejectAKeyWrittenWhereTheVariableNameBelongs() {
        assertThatThrownBy(() -> load("{kind: llm, provider: openai, baseUrl: 'http://x', model: m,"
                        + " apiKeyEnv: 'sk-proj-abc123'}"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("agents[0].analyst.apiKeyEnv must name an environment variable");
    }
}
