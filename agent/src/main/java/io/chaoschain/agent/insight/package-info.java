/**
 * Learning from other chains' fixes: {@link io.chaoschain.agent.insight.InsightRelevance} judges whether a {@link
 * io.chaoschain.agent.insight.SharedInsight} fits the agent's {@link io.chaoschain.agent.insight.LocalProblem}
 * (structurally and by text similarity through a {@link io.chaoschain.agent.insight.TextEmbedder} such as the
 * in-process {@link io.chaoschain.agent.insight.MiniLmEmbedder}), and a {@link
 * io.chaoschain.agent.insight.PriorAdvisor} hands a relevant one to the agent only as a starting point for its own
 * search.
 */
package io.chaoschain.agent.insight;
