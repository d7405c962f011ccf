package io.chaoschain.node.lifecycle;

import io.chaoschain.storage.StoredProposal;
import java.util.List;

/**
 * Told when one of the node's proposals reaches a {@link ProposalMilestone}. Delivery is at least once (see
 * {@link ProposalMilestone.StateReached}): a listener handles what it has not handled yet, also across restarts, and
 * says through {@link #settled} whether anything is left to do, so that the node knows when it is idle.
 */
@FunctionalInterface
public interface MilestoneListener {
    MilestoneListener NONE = milestone -> {};

    /**
     * Acts on {@code milestone}. An exception thrown for {@link ProposalMilestone.StateReached} is reported by the
     * lifecycle as a tick error and the state is announced again at the next tick.
     */
    void reached(ProposalMilestone milestone) throws Exception;

    /** True when nothing is left to do for {@code proposal} in its current state (default: nothing ever is). */
    default boolean settled(StoredProposal proposal) {
        return true;
    }

    /**
     * All of {@code listeners}, in order: each is told every milestone even when an earlier one failed (the first
     * failure is rethrown afterwards, later ones suppressed into it), and a proposal is settled when it is for all.
     */
    static MilestoneListener fanOut(List<MilestoneListener> listeners) {
        List<MilestoneListener> all = List.copyOf(listeners);
        return new MilestoneListener() {
            @Override
            public void reached(ProposalMilestone milestone) throws Exception {
                Exception failure = null;
                for (MilestoneListener listener : all) {
                    try {
                        listener.reached(milestone);
                    } catch (Exception e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            }

            @Override
            public boolean settled(StoredProposal proposal) {
                return all.stream().allMatch(listener -> listener.settled(proposal));
            }
        };
    }

    /** {@link #fanOut(List)} of {@code listeners}. */
    static MilestoneListener fanOut(MilestoneListener... listeners) {
        return fanOut(List.of(listeners));
    }
}
