package io.chaoschain.node.lifecycle;

/**
 * Receives the node's progress lines, one per thing worth telling an operator (the demo prints them, the node command
 * logs them). Progress is text for people; what other parts of the node act on are {@link ProposalMilestone}s.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (agent, message) -> {};

    /** {@code message} about {@code agent} (or about a node part such as {@code votes} or {@code monitor}). */
    void progress(String agent, String message);
}
