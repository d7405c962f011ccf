package io.chaoschain.node.lifecycle;

import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.storage.InsightStore.StoredContribution;
import io.chaoschain.storage.StoredProposal;

/**
 * A step one of the node's proposals reached, as the lifecycle and the insight exchange announce it to the
 * {@link MilestoneListener}s: the reputation flow attests the steps, the insight exchange shares what worked.
 */
public sealed interface ProposalMilestone {

    /**
     * The agent's latest proposal after a lifecycle tick, in the state it reached with the transactions and outcome
     * recorded so far. Announced after every tick, also for a state announced before (and before a restart), so a
     * listener acts on each step once and ignores the rest.
     */
    record StateReached(ProposalLifecycle.Binding binding, StoredProposal proposal) implements ProposalMilestone {}

    /** The proposal was finalized and recorded, before its submission; {@code decision} says how it was found. */
    record Finalized(ProposalLifecycle.Binding binding, StoredProposal proposal, AgentDecision.Finalized decision)
            implements ProposalMilestone {}

    /** The executed proposal's outcome was measured on chain and recorded. */
    record OutcomeRecorded(ProposalLifecycle.Binding binding, StoredProposal proposal) implements ProposalMilestone {}

    /** What an improved proposal changed and achieved went out to other chains as a signed insight. */
    record InsightShared(SharedInsight insight) implements ProposalMilestone {}

    /** An agent on another chain acknowledged adopting the insight of one of this node's proposals. */
    record InsightAdopted(SharedInsight insight, StoredContribution contribution) implements ProposalMilestone {}
}
