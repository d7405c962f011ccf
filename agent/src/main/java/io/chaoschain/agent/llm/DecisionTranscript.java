package io.chaoschain.agent.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one LLM decision did: the prompt, every model reply, every tool call with its result, refusals and the
 * outcome. The number guard reads the tool results from here; nothing outside this record counts as evidence.
 */
public final class DecisionTranscript {
    private final String modelId;
    private final List<TranscriptEntry> entries = new ArrayList<>();

    public DecisionTranscript(String modelId) {
        this.modelId = modelId;
    }

    /** {@code provider/model} that made the decision. */
    public String modelId() {
        return modelId;
    }

    void add(TranscriptEntry entry) {
        entries.add(entry);
    }

    public List<TranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    /** Results of every evidence tool called so far (a draft submission's reply is not evidence). */
    public List<String> toolResults() {
        return entries.stream()
                .filter(e ->
                        e instanceof TranscriptEntry.ToolCall c && !c.tool().equals(MarketTools.SUBMIT_DRAFT))
                .map(e -> ((TranscriptEntry.ToolCall) e).result())
                .toList();
    }

    public long toolCalls() {
        return entries.stream()
                .filter(TranscriptEntry.ToolCall.class::isInstance)
                .count();
    }

    public List<TranscriptEntry.Refusal> refusals() {
        return entries.stream()
                .filter(TranscriptEntry.Refusal.class::isInstance)
                .map(TranscriptEntry.Refusal.class::cast)
                .toList();
    }
}
