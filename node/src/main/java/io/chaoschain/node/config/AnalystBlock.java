package io.chaoschain.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.llm.LlmSettings;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.NodeConfig.AnalystConfig;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads an agent's {@code analyst:} block; every bad value is named by its full path. */
final class AnalystBlock {
    private static final Set<String> KEYS = Set.of(
            "kind",
            "provider",
            "baseUrl",
            "model",
            "apiKeyEnv",
            "maxToolCalls",
            "maxAttempts",
            "timeoutMs",
            "maxRetries",
            "tokenBudget");

    private AnalystBlock() {}

    /**
     * @param path e.g. {@code agents[0].analyst}
     * @param fail turns "PATH MESSAGE" into the loader's error
     */
    static AnalystConfig read(JsonNode n, String path, Function<String, UserFacingException> fail) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return AnalystConfig.rules();
        }
        if (!n.isObject()) {
            throw fail.apply(path + " must be a mapping, e.g. {kind: llm, provider: openai, baseUrl: ..., model: ...}");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw fail.apply(path + "." + k + " is not a known setting; expected one of " + new TreeSet<>(KEYS));
            }
        });
        String kind = n.path("kind").asText("rules");
        if (kind.equals("rules")) {
            Set<String> llmOnly = new TreeSet<>(KEYS);
            llmOnly.remove("kind");
            n.fieldNames().forEachRemaining(k -> {
                if (llmOnly.contains(k)) {
                    throw fail.apply(path + "." + k + " only applies to kind: llm (this analyst is kind: rules)");
                }
            });
            return AnalystConfig.rules();
        }
        if (!kind.equals("llm")) {
            throw fail.apply(path + ".kind must be rules or llm, got '" + kind + "'");
        }
        try {
            LlmSettings settings = new LlmSettings(
                    LlmSettings.Provider.parse(text(n, "provider"), "analyst.provider"),
                    text(n, "baseUrl"),
                    text(n, "model"),
                    text(n, "apiKeyEnv"),
                    integer(n, path, "maxToolCalls", LlmSettings.DEFAULT_MAX_TOOL_CALLS, fail),
                    integer(n, path, "maxAttempts", LlmSettings.DEFAULT_MAX_ATTEMPTS, fail),
                    Duration.ofMillis(
                            integer(n, path, "timeoutMs", (int) LlmSettings.DEFAULT_TIMEOUT.toMillis(), fail)),
                    integer(n, path, "maxRetries", LlmSettings.DEFAULT_MAX_RETRIES, fail),
                    integer(n, path, "tokenBudget", LlmSettings.DEFAULT_TOKEN_BUDGET, fail));
            return new AnalystConfig("llm", settings);
        } catch (IllegalArgumentException e) {
            // LlmSettings names fields as analyst.X; the file's path says which agent
            String message = e.getMessage();
            throw fail.apply(
                    message.startsWith("analyst.")
                            ? path + message.substring("analyst".length())
                            : path + " " + message);
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static int integer(
            JsonNode n, String path, String key, int fallback, Function<String, UserFacingException> fail) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw fail.apply(path + "." + key + " must be an integer, got '" + v.asText() + "'");
        }
        return v.asInt();
    }
}
