package io.chaoschain.agent;

import io.chaoschain.core.proposal.ProposalDraft;
import java.util.List;

/** What an agent concluded in one pass over a market. */
public sealed interface AgentDecision {

    /** Nothing worth proposing. */
    record NoOpportunity(String reason) implements AgentDecision {}

    /** An opportunity exists but no candidate passed simulation; nothing is submitted. */
    record Abandoned(Opportunity opportunity, List<CandidateVerdict> iterations, String reason)
            implements AgentDecision {}

    /**
     * A proposal that passed simulation and policy, with the report it attests to, and the cross-chain insight that
     * seeded its search ({@code prior}, null when the agent searched on its own).
     */
    record Finalized(
            Opportunity opportunity,
            ProposalDraft draft,
            CandidateVerdict chosen,
            List<CandidateVerdict> iterations,
            io.chaoschain.agent.insight.AdaptationPrior prior)
            implements AgentDecision {
        public Finalized(
                Opportunity opportunity,
                ProposalDraft draft,
                CandidateVerdict chosen,
                List<CandidateVerdict> iterations) {
            this(opportunity, draft, chosen, iterations, null);
        }
    }
}
