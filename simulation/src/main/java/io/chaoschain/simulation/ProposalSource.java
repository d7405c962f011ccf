package io.chaoschain.simulation;

import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** A proposal to simulate: one already on chain, or a draft. */
public sealed interface ProposalSource {

    /**
     * A proposal already created on {@code governor} (OpenZeppelin Governor or Compound GovernorBravo, detected).
     */
    record Existing(String governor, BigInteger proposalId) implements ProposalSource {
        public Existing {
            governor = Hex.address(governor, "governor");
            Objects.requireNonNull(proposalId, "proposalId");
        }
    }

    /**
     * A draft proposal.
     *
     * @param chainId the chain it is meant for, checked against the forked chain; 0 to skip the check
     * @param governor its governor, or null
     * @param executor who executes it; null to use the governor's {@code timelock()} (or the governor)
     * @param description free text
     * @param actions the calls
     */
    record Draft(long chainId, String governor, String executor, String description, List<ProposalAction> actions)
            implements ProposalSource {
        public Draft {
            governor = governor == null ? null : Hex.address(governor, "governor");
            executor = executor == null ? null : Hex.address(executor, "executor");
            if (governor == null && executor == null) {
                throw new IllegalArgumentException("a draft needs an executor or a governor");
            }
            actions = List.copyOf(actions);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("a draft needs at least one action");
            }
            description = description == null ? "" : description;
        }
    }
}
