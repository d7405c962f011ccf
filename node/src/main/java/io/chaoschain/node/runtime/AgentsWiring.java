package io.chaoschain.node.runtime;

import io.chaoschain.agent.Analyst;
import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.GovernanceAgent;
import io.chaoschain.agent.RateModelAnalyst;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.agent.llm.GuardStats;
import io.chaoschain.agent.llm.LlmAnalyst;
import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.events.ConfirmedEventMonitor;
import io.chaoschain.core.Service;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.AgentConfig;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.node.lifecycle.Listeners;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProposalLifecycle;
import io.chaoschain.node.lifecycle.VoteRecorder;
import io.chaoschain.node.runtime.ChainsWiring.AgentAccount;
import io.chaoschain.node.runtime.ChainsWiring.Chains;
import io.chaoschain.node.runtime.P2pWiring.P2p;
import io.chaoschain.node.runtime.ReputationWiring.Reputation;
import io.chaoschain.node.runtime.StorageWiring.Storage;
import io.chaoschain.simulation.AnvilForkSimulator;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wires the node's agents: one proposal lifecycle per agent, whose milestones go to the agent's reputation flow, the
 * insight exchange (when p2p is on, which also advises the agent) and the node's listeners; and one vote monitor per
 * chain.
 */
final class AgentsWiring {
    private AgentsWiring() {}

    /**
     * What the agents wiring built.
     *
     * @param heads the chain heads the lifecycles last read (the API's health endpoint shows them)
     */
    record Agents(
            List<ProposalLifecycle> lifecycles, List<Service> voteMonitors, List<Service> warmForks, HeadCache heads) {

        /** True once every agent's latest proposal has reached a recorded outcome. */
        boolean idle() {
            return lifecycles.stream().allMatch(ProposalLifecycle::isIdle);
        }
    }

    static Agents wire(NodeContext ctx, Chains chains, Storage storage, Reputation reputation, Optional<P2p> p2p) {
        HeadCache heads = new HeadCache(ctx.config());
        List<ProposalLifecycle> lifecycles = new ArrayList<>();
        GuardStats guardStats = new GuardStats(); // refusals of every LLM analyst of this node, per model
        Map<String, WarmForks> warm = new LinkedHashMap<>();
        for (AgentAccount account : chains.agents().values()) {
            List<MilestoneListener> milestones = new ArrayList<>();
            milestones.add(reputation.flow(account.agent().name()));
            p2p.ifPresent(p -> milestones.add(p.exchange()));
            milestones.add(ctx.listeners().milestones());
            Listeners listeners = new Listeners(ctx.listeners().progress(), MilestoneListener.fanOut(milestones));
            WarmForks forks = warm.computeIfAbsent(
                    account.chain().name(),
                    name -> new WarmForks(
                            account.chain().rpc().getFirst(),
                            ctx.config().simulation().warmForks()));
            lifecycles.add(lifecycle(ctx, account, storage, heads, listeners, p2p, guardStats, forks));
        }
        List<Service> voteMonitors = new ArrayList<>();
        for (ChainConfig chain : ctx.config().chains().values()) {
            voteMonitors.add(voteMonitor(ctx, chain, chains.client(chain.name()), storage));
        }
        return new Agents(List.copyOf(lifecycles), List.copyOf(voteMonitors), List.copyOf(warm.values()), heads);
    }

    private static ProposalLifecycle lifecycle(
            NodeContext ctx,
            AgentAccount account,
            Storage storage,
            HeadCache heads,
            Listeners listeners,
            Optional<P2p> p2p,
            GuardStats guardStats,
            WarmForks forks) {
        NodeConfig config = ctx.config();
        AgentConfig agent = account.agent();
        ChainConfig chain = account.chain();
        var binding = new ProposalLifecycle.Binding(
                chain.name(),
                chain.chainId() + ":" + agent.agentId(),
                BigInteger.valueOf(agent.agentId()),
                agent.name(),
                account.signer().address(),
                chain.registry(),
                chain.governor(),
                agent.market(),
                chain.timelock(),
                account.client()::preferredRpcUrl,
                chain.confirmations(),
                agent.tuning().historyBlocks(),
                config.lifecycle().outcomeBlocks(),
                config.lifecycle().pollInterval());
        PriorAdvisor advisor = p2p.map(p -> p.exchange().advisorFor(binding)).orElse(PriorAdvisor.NONE);
        var market = new ChainMarketMetrics(account.client(), agent.market(), head -> heads.update(chain.name(), head));
        var ports = new ProposalLifecycle.Ports(
                account.gateway(), market, storage.stores(), storage.database()::inTransaction);
        return new ProposalLifecycle(
                binding, analyst(ctx, agent, chain, storage, guardStats, forks), advisor, ports, listeners);
    }

    /**
     * The agent proper, with the agent's tuning, simulating on forks, held to its market's one call: the rate-model
     * sweep, or a language model when the agent's analyst is {@code kind: llm}.
     */
    private static Analyst analyst(
            NodeContext ctx,
            AgentConfig agent,
            ChainConfig chain,
            Storage storage,
            GuardStats guardStats,
            WarmForks forks) {
        var tuning = agent.tuning();
        AnalystSettings defaults = AnalystSettings.defaults();
        AnalystSettings settings = new AnalystSettings(
                tuning.minSamples(),
                new BigDecimal(tuning.highUtilization()),
                defaults.stressedShare(),
                new BigDecimal(tuning.targetUtilization()),
                new BigDecimal(tuning.maxBorrowApr()),
                defaults.jumpFactors(),
                defaults.refinementRounds());
        PolicyGuard proposalPolicy = new PolicyGuard(
                new AgentPolicy(Map.of(agent.market(), Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));
        var simulator = new AnvilForkSimulator(
                CheckRegistry.discover(),
                CheckSettings.defaults(),
                ctx.config().simulation().parallelForks(),
                forks);
        java.util.function.Consumer<String> progress =
                message -> ctx.listeners().progress().progress(agent.name(), message);
        if (agent.analyst().isLlm()) {
            var history = new StoredGovernanceHistory(storage.stores().proposals(), chain.name());
            try {
                return LlmAnalyst.create(
                        agent.name(),
                        agent.analyst().llm(),
                        System::getenv,
                        new LlmAnalyst.Parts(simulator, proposalPolicy, settings, history, guardStats, progress));
            } catch (IllegalArgumentException e) {
                throw new io.chaoschain.core.UserFacingException(
                        "error: agent '" + agent.name() + "': " + e.getMessage());
            }
        }
        return new GovernanceAgent(agent.name(), new RateModelAnalyst(settings), simulator, proposalPolicy, progress);
    }

    /**
     * Follows the Governor's votes, delivering each only once it is {@code confirmations} blocks deep and re-reading
     * reorganized blocks; progress is checkpointed in the database.
     */
    private static Service voteMonitor(NodeContext ctx, ChainConfig chain, EvmChainClient client, Storage storage) {
        long start = Math.max(0, client.blockNumber() - chain.confirmations() - 10_000);
        var monitorConfig = ConfirmedEventMonitor.Config.of(
                        "votes:" + chain.name() + ":" + chain.governor(),
                        List.of(chain.governor()),
                        List.of(VoteRecorder.VOTE_CAST_TOPIC),
                        start,
                        chain.confirmations())
                .withPollInterval(ctx.config().lifecycle().pollInterval());
        return new ConfirmedEventMonitor(
                client,
                monitorConfig,
                storage.stores().checkpoints(),
                new VoteRecorder(
                        chain.name(),
                        chain.governor(),
                        storage.stores(),
                        ctx.listeners().progress()));
    }
}
