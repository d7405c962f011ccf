package io.chaoschain.agent.llm;

import java.util.List;

/** One step of a decision, in the order it happened. */
public sealed interface TranscriptEntry {

    /** What the node asked: the system prompt and the task. */
    record Prompt(String system, String user) implements TranscriptEntry {}

    /**
     * One reply of the model: its text (may be empty) and the tools it asked for.
     *
     * @param tokens tokens the exchange used as the server reported them (0 when it reported none)
     */
    record ModelReply(String text, List<String> toolCalls, int tokens) implements TranscriptEntry {
        public ModelReply {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** A tool call and the result returned to the model (JSON, or a refusal in words). */
    record ToolCall(String id, String tool, String arguments, String result) implements TranscriptEntry {}

    /** A draft the guard or the simulation refused, with every reason the model was told. */
    record Refusal(int attempt, List<String> reasons) implements TranscriptEntry {
        public Refusal {
            reasons = List.copyOf(reasons);
        }
    }

    /** How the decision ended: finalized, given up, or failed, in one line. */
    record Outcome(String summary) implements TranscriptEntry {}
}
