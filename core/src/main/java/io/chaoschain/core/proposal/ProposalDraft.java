package io.chaoschain.core.proposal;

import java.util.List;

/**
 * A proposal as an agent drafts it, before submission.
 *
 * @param title one-line summary, the first line of the on-chain description
 * @param description the full on-chain description (markdown): evidence, the change, simulation results
 * @param actions the calls executed if the proposal passes
 * @param change the parameter change the actions implement, stated so it can be checked against the calldata
 */
public record ProposalDraft(String title, String description, List<ProposalAction> actions, ParameterChange change) {
    public ProposalDraft {
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("a proposal needs at least one action");
        }
        actions = List.copyOf(actions);
    }
}
