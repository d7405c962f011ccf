package io.chaoschain.agent.llm;

import java.util.List;

/** Past proposals on this chain and what they did, as the node recorded them; the model reads them through a tool. */
public interface GovernanceHistory {

    /** A chain on which nothing was proposed yet. */
    GovernanceHistory NONE = (market, limit) -> List.of();

    /** Up to {@code limit} most recent proposals concerning {@code market}, newest first. */
    List<PastProposal> recent(String market, int limit);

    /**
     * One past proposal.
     *
     * @param id the node's proposal id
     * @param title its title
     * @param state its last lifecycle state, e.g. {@code EXECUTED}, {@code DEFEATED}
     * @param parameter the parameter it changed
     * @param oldValue the value before (raw integer as stated)
     * @param newValue the value it set
     * @param outcome the measured outcome in one line, or empty when none was measured yet
     */
    record PastProposal(
            String id,
            String title,
            String state,
            String parameter,
            String oldValue,
            String newValue,
            String outcome) {}
}
