package io.chaoschain.node.reputation;

import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.node.p2p.ContributionListener;
import io.chaoschain.node.store.InsightStore.StoredContribution;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the insight exchange's records into signed contributions of the agent that published the insight: one
 * {@code insight.shared} attestation per published insight and one {@code insight.adopted} per acknowledged adoption
 * on another chain. The publishing agent is found by its operator address (the key the insight was signed with);
 * then the next listener is told.
 */
public final class InsightAttestations implements ContributionListener {
  private static final Logger LOG = LoggerFactory.getLogger(InsightAttestations.class);

  private final Map<String, ReputationFlow> flowsByOperator = new ConcurrentHashMap<>();
  private final ChainTime time;
  private final ContributionListener next;

  public InsightAttestations(ChainTime time, ContributionListener next) {
    this.time = time;
    this.next = next;
  }

  /** Adds an agent whose insights are attested. */
  public void register(ReputationFlow flow) {
    flowsByOperator.put(flow.operatorAddress().toLowerCase(Locale.ROOT), flow);
  }

  @Override
  public void onInsightShared(SharedInsight insight) {
    ReputationFlow flow = flowOf(insight);
    if (flow != null) {
      try {
        flow.insightShared(insight.id(), insight.simulationReportHash(), time.now().getEpochSecond());
      } catch (RuntimeException e) {
        // the insight is already published; the attestation is retried when the insight is shared again
        LOG.warn("attesting shared insight {} failed: {}", insight.id(), e.getMessage());
      }
    }
    next.onInsightShared(insight);
  }

  @Override
  public void onInsightAdopted(SharedInsight insight, StoredContribution contribution) {
    ReputationFlow flow = flowOf(insight);
    if (flow != null) {
      try {
        flow.insightAdopted(insight.id(), contribution.adopterChainId(), contribution.adopterProposal(),
            contribution.simulationReportHash(), time.now().getEpochSecond());
      } catch (RuntimeException e) {
        LOG.warn("attesting the adoption of insight {} failed: {}", insight.id(), e.getMessage());
      }
    }
    next.onInsightAdopted(insight, contribution);
  }

  private ReputationFlow flowOf(SharedInsight insight) {
    return insight.sourceAgent() == null ? null : flowsByOperator.get(insight.sourceAgent().toLowerCase(Locale.ROOT));
  }
}
