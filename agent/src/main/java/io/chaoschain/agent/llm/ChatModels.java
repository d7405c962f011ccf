package io.chaoschain.agent.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.function.Function;

/** Builds the chat model an {@link LlmSettings} describes. Request and response logging stay off: they carry keys. */
public final class ChatModels {
    /** The completion tokens one reply may use; the decision's whole budget is {@link LlmSettings#tokenBudget()}. */
    static final int MAX_REPLY_TOKENS = 4096;

    private ChatModels() {}

    /**
     * @param env reads environment variables ({@code System::getenv} in a node)
     * @throws IllegalArgumentException when {@code apiKeyEnv} names a variable that is not set
     */
    public static ChatModel create(LlmSettings settings, Function<String, String> env) {
        String key = apiKey(settings, env);
        return switch (settings.provider()) {
            case OPENAI ->
                OpenAiChatModel.builder()
                        .baseUrl(settings.baseUrl())
                        // OpenAI-compatible servers on a laptop need no key; the client still sends a header
                        .apiKey(key == null ? "none" : key)
                        .modelName(settings.model())
                        .temperature(0.0)
                        .maxTokens(MAX_REPLY_TOKENS)
                        .timeout(settings.timeout())
                        .maxRetries(settings.maxRetries())
                        .logRequests(false)
                        .logResponses(false)
                        .build();
            case ANTHROPIC ->
                AnthropicChatModel.builder()
                        .baseUrl(settings.baseUrl())
                        .apiKey(key)
                        .modelName(settings.model())
                        .temperature(0.0)
                        .maxTokens(MAX_REPLY_TOKENS)
                        .timeout(settings.timeout())
                        .maxRetries(settings.maxRetries())
                        .logRequests(false)
                        .logResponses(false)
                        .build();
            case OLLAMA ->
                OllamaChatModel.builder()
                        .baseUrl(settings.baseUrl())
                        .modelName(settings.model())
                        .temperature(0.0)
                        .numPredict(MAX_REPLY_TOKENS)
                        .timeout(settings.timeout())
                        .maxRetries(settings.maxRetries())
                        .logRequests(false)
                        .logResponses(false)
                        .build();
        };
    }

    /** The key from {@code apiKeyEnv}, or null when the settings name none. */
    static String apiKey(LlmSettings settings, Function<String, String> env) {
        if (settings.apiKeyEnv() == null) {
            return null;
        }
        String key = env.apply(settings.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("analyst.apiKeyEnv names " + settings.apiKeyEnv()
                    + " but that environment variable is not set; export it or remove apiKeyEnv");
        }
        return key.strip();
    }
}
