package io.chaoschain.node.reputation;

import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProposalMilestone;
import io.chaoschain.reputation.service.ChainTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the insight exchange's milestones into signed contributions of the agent that published the insight: one
 * {@code insight.shared} attestation per published insight and one {@code insight.adopted} per acknowledged adoption
 * on another chain. The publishing agent is found by its operator address (the key the insight was signed with).
 */
public final class InsightAttestations implements MilestoneListener {
    private static final Logger LOG = LoggerFactory.getLogger(InsightAttestations.class);

    private final Map<String, ReputationFlow> flowsByOperator = new LinkedHashMap<>();
    private final ChainTime time;

    /** @param flows the reputation flow of every local agent whose insights are attested */
    public InsightAttestations(ChainTime time, Collection<ReputationFlow> flows) {
        this.time = time;
        flows.forEach(flow -> flowsByOperator.put(flow.operatorAddress().toLowerCase(Locale.ROOT), flow));
    }

    @Override
    public void reached(ProposalMilestone milestone) {
        switch (milestone) {
            case ProposalMilestone.InsightShared shared -> shared(shared.insight());
            case ProposalMilestone.InsightAdopted adopted -> adopted(adopted);
            default -> {}
        }
    }

    private void shared(SharedInsight insight) {
        ReputationFlow flow = flowOf(insight);
        if (flow != null) {
            try {
                flow.insightShared(
                        insight.id(), insight.simulationReportHash(), time.now().getEpochSecond());
            } catch (RuntimeException e) {
                // the insight is already published; the attestation is retried when the insight is shared again
                LOG.warn("attesting shared insight {} failed", insight.id(), e);
            }
        }
    }

    private void adopted(ProposalMilestone.InsightAdopted adopted) {
        SharedInsight insight = adopted.insight();
        ReputationFlow flow = flowOf(insight);
        if (flow != null) {
            var contribution = adopted.contribution();
            try {
                flow.insightAdopted(
                        insight.id(),
                        contribution.adopterChainId(),
                        contribution.adopterProposal(),
                        contribution.simulationReportHash(),
                        time.now().getEpochSecond());
            } catch (RuntimeException e) {
                LOG.warn("attesting the adoption of insight {} failed", insight.id(), e);
            }
        }
    }

    private ReputationFlow flowOf(SharedInsight insight) {
        return insight.sourceAgent() == null
                ? null
                : flowsByOperator.get(insight.sourceAgent().toLowerCase(Locale.ROOT));
    }
}
