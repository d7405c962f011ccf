package io.chaoschain.node.lifecycle;

import io.chaoschain.agent.AgentDecision;
import io.chaoschain.node.store.StoredProposal;

/**
 * Receives the lifecycle's progress lines (the demo prints them; the node logs them) and, optionally, its milestones
 * (the node's insight exchange publishes and acknowledges cross-chain insights from them).
 */
@FunctionalInterface
public interface LifecycleListener {
  void progress(String agent, String message);

  /** A proposal was finalized and recorded (before submission); {@code decision} says how it was found. */
  default void finalized(ProposalLifecycle.Binding binding, StoredProposal proposal, AgentDecision.Finalized decision) {}

  /** An executed proposal's measured outcome was recorded. */
  default void outcomeRecorded(ProposalLifecycle.Binding binding, StoredProposal proposal) {}
}
