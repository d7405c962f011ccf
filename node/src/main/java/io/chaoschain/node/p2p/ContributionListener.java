package io.chaoschain.node.p2p;

import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.node.store.InsightStore.StoredContribution;

/**
 * Hook for what the insight exchange records, e.g. to issue signed reputation attestations: this node's agent shared
 * an insight, and an agent on another chain acknowledged adopting it. Called on network threads; must not block long.
 */
public interface ContributionListener {
  ContributionListener NONE = new ContributionListener() {};

  default void onInsightShared(SharedInsight insight) {}

  default void onInsightAdopted(SharedInsight insight, StoredContribution contribution) {}
}
