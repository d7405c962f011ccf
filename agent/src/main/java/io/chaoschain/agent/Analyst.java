package io.chaoschain.agent;

import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.core.metrics.MarketSnapshot;
import java.util.List;

/**
 * Decides, in one pass over a market, whether to propose a change and which. Implementations: {@link GovernanceAgent}
 * (the deterministic rate-model sweep, the default) and {@code io.chaoschain.agent.llm.LlmAnalyst} (a language model
 * calling tools, held to the number guard). Whatever the implementation, a {@link AgentDecision.Finalized} decision
 * carries a draft that passed simulation and the agent's policy.
 */
public interface Analyst {

    /** The agent's configured name. */
    String name();

    /**
     * One pass over the market.
     *
     * @param target the market and its current rate model
     * @param history the market's recent snapshots (the evidence window)
     * @param rpcUrl the chain to fork for simulation
     * @param replayFromBlock first block of traffic replayed in simulation
     * @param replayToBlock last block replayed; the fork is taken there
     * @param advisor cross-chain insights the analyst may consult
     */
    AgentDecision decide(
            MarketTarget target,
            List<MarketSnapshot> history,
            String rpcUrl,
            long replayFromBlock,
            long replayToBlock,
            PriorAdvisor advisor);
}
