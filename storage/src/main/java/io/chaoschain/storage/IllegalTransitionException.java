package io.chaoschain.storage;

import io.chaoschain.core.proposal.ProposalState;

/** A proposal state change that its lifecycle does not allow (for example EXECUTED back to ACTIVE). */
public class IllegalTransitionException extends IllegalStateException {
    private final ProposalState from;
    private final ProposalState to;

    public IllegalTransitionException(long proposalId, ProposalState from, ProposalState to) {
        super("proposal " + proposalId + " cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public ProposalState from() {
        return from;
    }

    public ProposalState to() {
        return to;
    }
}
