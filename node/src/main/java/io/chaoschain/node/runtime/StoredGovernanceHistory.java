package io.chaoschain.node.runtime;

import io.chaoschain.agent.llm.GovernanceHistory;
import io.chaoschain.core.Json;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.storage.ProposalStore;
import io.chaoschain.storage.StoredProposal;
import java.util.Comparator;
import java.util.List;

/** The governance history an LLM analyst reads: the proposals this node recorded on one chain for one market. */
final class StoredGovernanceHistory implements GovernanceHistory {
    private final ProposalStore proposals;
    private final String chain;

    StoredGovernanceHistory(ProposalStore proposals, String chain) {
        this.proposals = proposals;
        this.chain = chain;
    }

    @Override
    public List<PastProposal> recent(String market, int limit) {
        return proposals.all().stream()
                .filter(p -> p.chain().equals(chain))
                .filter(p -> p.draft().change() != null
                        && p.draft().change().contract().equalsIgnoreCase(market))
                .sorted(Comparator.comparing(StoredProposal::createdAt).reversed())
                .limit(limit)
                .map(StoredGovernanceHistory::past)
                .toList();
    }

    private static PastProposal past(StoredProposal p) {
        ParameterChange c = p.draft().change();
        return new PastProposal(
                Long.toString(p.id()),
                p.title(),
                p.state().name(),
                c.parameter(),
                c.oldValue().toString(),
                c.newValue().toString(),
                p.outcome() == null ? "" : Json.write(p.outcome()));
    }
}
