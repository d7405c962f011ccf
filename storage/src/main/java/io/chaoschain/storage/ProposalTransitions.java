package io.chaoschain.storage;

import static io.chaoschain.core.proposal.ProposalState.ACTIVE;
import static io.chaoschain.core.proposal.ProposalState.CANCELED;
import static io.chaoschain.core.proposal.ProposalState.DEFEATED;
import static io.chaoschain.core.proposal.ProposalState.DRAFTED;
import static io.chaoschain.core.proposal.ProposalState.EXECUTED;
import static io.chaoschain.core.proposal.ProposalState.EXPIRED;
import static io.chaoschain.core.proposal.ProposalState.FINALIZED;
import static io.chaoschain.core.proposal.ProposalState.PENDING;
import static io.chaoschain.core.proposal.ProposalState.QUEUED;
import static io.chaoschain.core.proposal.ProposalState.REJECTED;
import static io.chaoschain.core.proposal.ProposalState.SUBMITTING;
import static io.chaoschain.core.proposal.ProposalState.SUCCEEDED;

import io.chaoschain.core.proposal.ProposalState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The proposal lifecycle's allowed moves. On-chain states may be skipped (a monitor that polls rarely can see a
 * proposal go from PENDING straight to DEFEATED) but never go backwards, and terminal states are final.
 */
public final class ProposalTransitions {
    private static final Map<ProposalState, Set<ProposalState>> NEXT = new EnumMap<>(ProposalState.class);

    static {
        NEXT.put(DRAFTED, EnumSet.of(FINALIZED, REJECTED));
        NEXT.put(FINALIZED, EnumSet.of(SUBMITTING, REJECTED));
        // A failed submission goes back to FINALIZED for a retry; after a crash the chain may already be further along.
        NEXT.put(
                SUBMITTING,
                EnumSet.of(
                        FINALIZED, REJECTED, PENDING, ACTIVE, SUCCEEDED, DEFEATED, QUEUED, EXECUTED, CANCELED,
                        EXPIRED));
        NEXT.put(PENDING, EnumSet.of(ACTIVE, SUCCEEDED, DEFEATED, QUEUED, EXECUTED, CANCELED, EXPIRED));
        NEXT.put(ACTIVE, EnumSet.of(SUCCEEDED, DEFEATED, QUEUED, EXECUTED, CANCELED, EXPIRED));
        NEXT.put(SUCCEEDED, EnumSet.of(QUEUED, EXECUTED, CANCELED, EXPIRED));
        NEXT.put(QUEUED, EnumSet.of(EXECUTED, CANCELED, EXPIRED));
        for (ProposalState state : ProposalState.values()) {
            NEXT.putIfAbsent(state, EnumSet.noneOf(ProposalState.class));
        }
    }

    private ProposalTransitions() {}

    /** True when a proposal in {@code from} may move to {@code to}; staying in the same state is always allowed. */
    public static boolean allowed(ProposalState from, ProposalState to) {
        return from == to || NEXT.get(from).contains(to);
    }

    /** True for the states a Governor reports (PENDING through EXECUTED), as opposed to the node's own pre-chain ones. */
    public static boolean isOnChain(ProposalState state) {
        return switch (state) {
            case DRAFTED, FINALIZED, SUBMITTING, REJECTED -> false;
            case PENDING, ACTIVE, SUCCEEDED, DEFEATED, QUEUED, EXECUTED, CANCELED, EXPIRED -> true;
        };
    }
}
