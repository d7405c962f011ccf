package io.chaoschain.core.proposal;

/** Lifecycle of a proposal as a node tracks it, from detection to the recorded outcome. */
public enum ProposalState {
    /** Drafted and being iterated against simulation. */
    DRAFTED,
    /** Passed simulation and policy; ready to submit. */
    FINALIZED,
    /** Submission transaction sent; not yet confirmed. */
    SUBMITTING,
    /** Confirmed on chain; voting not started yet. */
    PENDING,
    ACTIVE,
    SUCCEEDED,
    DEFEATED,
    QUEUED,
    EXECUTED,
    CANCELED,
    EXPIRED,
    /** Rejected by the agent's policy or by simulation; never submitted. */
    REJECTED;

    /** Maps OpenZeppelin Governor's {@code ProposalState} ordinal to ours. */
    public static ProposalState fromGovernor(int ordinal) {
        return switch (ordinal) {
            case 0 -> PENDING;
            case 1 -> ACTIVE;
            case 2 -> CANCELED;
            case 3 -> DEFEATED;
            case 4 -> SUCCEEDED;
            case 5 -> QUEUED;
            case 6 -> EXPIRED;
            case 7 -> EXECUTED;
            default -> throw new IllegalArgumentException("unknown Governor proposal state " + ordinal);
        };
    }

    public boolean isTerminal() {
        return this == EXECUTED || this == DEFEATED || this == CANCELED || this == EXPIRED || this == REJECTED;
    }
}
