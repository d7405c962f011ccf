package io.chaoschain.agent.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How an agent reaches its language model and how far it may go in one decision.
 *
 * @param provider the wire format the server speaks
 * @param baseUrl the server's API root, e.g. {@code http://127.0.0.1:8000/v1} for an OpenAI-compatible server
 * @param model the model name the server knows
 * @param apiKeyEnv environment variable holding the API key, or null for servers that need none; the key itself is
 *     never configured, logged or put in an error
 * @param maxToolCalls most tool calls the model may make in one decision
 * @param maxAttempts most drafts the model may submit in one decision (each refusal uses one)
 * @param timeout per request to the server
 * @param maxRetries retries of a failed request (on top of the first try)
 * @param tokenBudget most tokens (prompt and completion, summed over every turn) one decision may use
 */
public record LlmSettings(
        Provider provider,
        String baseUrl,
        String model,
        String apiKeyEnv,
        int maxToolCalls,
        int maxAttempts,
        Duration timeout,
        int maxRetries,
        int tokenBudget) {

    /** The three wire formats; {@code openai} covers every OpenAI-compatible server. */
    public enum Provider {
        OPENAI,
        ANTHROPIC,
        OLLAMA;

        /** Parses {@code openai | anthropic | ollama}, or throws naming {@code field}. */
        public static Provider parse(String value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " is required: openai, anthropic or ollama");
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "openai" -> OPENAI;
                case "anthropic" -> ANTHROPIC;
                case "ollama" -> OLLAMA;
                default ->
                    throw new IllegalArgumentException(
                            field + " must be openai, anthropic or ollama, got '" + value + "'");
            };
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_MAX_TOOL_CALLS = 12;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final int DEFAULT_TOKEN_BUDGET = 60_000;

    public LlmSettings {
        if (provider == null) {
            throw new IllegalArgumentException("analyst.provider is required: openai, anthropic or ollama");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("analyst.baseUrl is required for provider " + provider.id());
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("analyst.baseUrl is not a URL: '" + baseUrl + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("analyst.baseUrl must be an http(s) URL, got '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("analyst.model is required (the model name the server knows)");
        }
        if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "analyst.apiKeyEnv must name an environment variable (letters, digits, _), not hold the key");
        }
        if (provider == Provider.ANTHROPIC && apiKeyEnv == null) {
            throw new IllegalArgumentException(
                    "analyst.apiKeyEnv is required for provider anthropic (e.g. ANTHROPIC_API_KEY)");
        }
        if (maxToolCalls < 1) {
            throw new IllegalArgumentException("analyst.maxToolCalls must be at least 1, got " + maxToolCalls);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("analyst.maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("analyst.timeoutMs must be positive");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("analyst.maxRetries must not be negative, got " + maxRetries);
        }
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("analyst.tokenBudget must be positive, got " + tokenBudget);
        }
    }

    /** {@code provider/model}, the key under which refusals are counted. */
    public String modelId() {
        return provider.id() + "/" + model;
    }
}
