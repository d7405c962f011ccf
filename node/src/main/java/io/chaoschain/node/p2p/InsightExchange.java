package io.chaoschain.node.p2p;

import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.Opportunity;
import io.chaoschain.agent.Percent;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.AdaptationPrior;
import io.chaoschain.agent.insight.InsightRelevance;
import io.chaoschain.agent.insight.LocalProblem;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.agent.insight.RelevanceDecision;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.core.Service;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.node.lifecycle.Listeners;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProgressListener;
import io.chaoschain.node.lifecycle.ProposalLifecycle;
import io.chaoschain.node.lifecycle.ProposalMilestone;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.protocol.ChaosChainNetwork;
import io.chaoschain.p2p.protocol.ChaosMessage;
import io.chaoschain.p2p.protocol.ChaosMessage.Insight;
import io.chaoschain.p2p.protocol.ChaosMessage.ProposalAck;
import io.chaoschain.p2p.protocol.SignedEnvelope;
import io.chaoschain.p2p.protocol.SimilarSolutions;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.InsightStore.Direction;
import io.chaoschain.storage.InsightStore.StoredContribution;
import io.chaoschain.storage.InsightStore.StoredInsight;
import io.chaoschain.storage.StoredProposal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Hash;

/**
 * The cross-chain insight flow (docs/p2p.md): when a local proposal's measured outcome improved, publish it as a signed
 * {@link Insight}; store insights received by gossip or in answers to {@code /chaoschain/similar/1.0.0}; when a local
 * agent detects a problem, ask peers for similar solutions, judge every candidate's relevance (structure and meaning),
 * and hand the best relevant one to the agent as its prior; once the agent finalized a proposal from it, acknowledge
 * on the ack topic; and record the acks other chains send for this node's insights as contributions.
 *
 * <p>It hears of local proposals as a {@link MilestoneListener} ({@link ProposalMilestone.Finalized},
 * {@link ProposalMilestone.OutcomeRecorded}) and tells its own listeners {@link ProposalMilestone.InsightShared} and
 * {@link ProposalMilestone.InsightAdopted}. Messages from the network are handled on the exchange's own thread (they
 * write to the database and lead to signed attestations), never on the network's; {@link #stop()} lets the queued
 * ones finish.
 */
public final class InsightExchange implements MilestoneListener, Service {
    private static final Logger LOG = LoggerFactory.getLogger(InsightExchange.class);
    static final String ADOPTION = "insight-adoption";
    static final String PARAMETER = "jumpMultiplierPerYear";
    static final String SYMPTOM = "utilization-above-kink";

    private final P2pNetwork network;
    private final InsightStore store;
    private final InsightRelevance relevance;
    private final Map<String, Long> chainIds;
    private final ProgressListener progress;
    private final MilestoneListener milestones;
    private final String label;
    private final Worker worker = new Worker("insight-exchange");
    /** What each agent took as its prior, until its proposal is finalized: agent key -> (decision row, prior). */
    private final Map<String, Map.Entry<Long, AdaptationPrior>> pending = new ConcurrentHashMap<>();
    /** The symptom behind each local proposal, as its agent described it (proposal id -> opportunity). */
    private final Map<Long, Opportunity> opportunities = new ConcurrentHashMap<>();

    /**
     * @param chainIds chain name -> chain id of every configured chain
     * @param label how this node's network lines are labelled in progress output
     * @param listeners where progress lines go, and who is told of shared and adopted insights
     */
    public InsightExchange(
            P2pNetwork network,
            InsightStore store,
            InsightRelevance relevance,
            Map<String, Long> chainIds,
            String label,
            Listeners listeners) {
        this.label = label;
        this.network = network;
        this.store = store;
        this.relevance = relevance;
        this.chainIds = Map.copyOf(chainIds);
        this.progress = listeners.progress();
        this.milestones = listeners.milestones();
        network.onMessage(this::receive);
    }

    public InsightStore store() {
        return store;
    }

    @Override
    public String name() {
        return "insight-exchange";
    }

    @Override
    public CompletableFuture<Void> start() {
        return CompletableFuture.completedFuture(null);
    }

    /** Finishes the messages already received (the network stops first), then ends the exchange's thread. */
    @Override
    public CompletableFuture<Void> stop() {
        worker.stop(Duration.ofSeconds(10));
        return CompletableFuture.completedFuture(null);
    }

    // ---- lifecycle milestones

    @Override
    public void reached(ProposalMilestone milestone) {
        switch (milestone) {
            case ProposalMilestone.Finalized f -> finalized(f.binding(), f.proposal(), f.decision());
            case ProposalMilestone.OutcomeRecorded o -> outcomeRecorded(o.binding(), o.proposal());
            default -> {}
        }
    }

    private void finalized(
            ProposalLifecycle.Binding binding, StoredProposal proposal, AgentDecision.Finalized decision) {
        opportunities.put(proposal.id(), decision.opportunity());
        Map.Entry<Long, AdaptationPrior> taken = pending.remove(binding.agentKey());
        AdaptationPrior prior = decision.prior();
        if (prior == null) {
            return;
        }
        long chainId = chainId(binding.chain());
        String reportHash = decision.chosen().report().reportHash();
        String adopterProposal = binding.chain() + "#" + proposal.id();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("type", ADOPTION);
        attrs.put("adopterProposal", adopterProposal);
        attrs.put("adopterTitle", clip(proposal.title()));
        attrs.put("simulationReportHash", reportHash);
        attrs.put("parameter", prior.parameter());
        attrs.put("adoptedValue", decision.chosen().jumpMultiplier().toString());
        attrs.put("structuralScore", format(prior.decision().structuralScore()));
        attrs.put("semanticScore", format(prior.decision().semanticScore()));
        String reason = "adopted as the prior of proposal " + adopterProposal + " on chain " + chainId
                + ", simulated on that chain's fork (report " + reportHash + ")";
        ProposalAck ack = new ProposalAck(chainId, prior.insight().id(), ProposalAck.Verdict.SUPPORT, reason, attrs);
        network.publish(ack);
        if (taken != null) {
            store.markAdopted(taken.getKey(), proposal.id());
        }
        progress.progress(
                binding.agentName(),
                "acknowledged insight " + shortId(prior.insight().id()) + " to chain "
                        + prior.insight().sourceChainId() + " on " + ChaosMessage.ACKS_TOPIC + " (own proposal "
                        + adopterProposal
                        + ", simulation report " + shortId(reportHash) + ")");
    }

    private void outcomeRecorded(ProposalLifecycle.Binding binding, StoredProposal proposal) {
        if (proposal.outcome() == null
                || !proposal.outcome().improved()
                || proposal.draft().change() == null) {
            return;
        }
        try {
            publish(binding, proposal);
        } catch (RuntimeException e) {
            LOG.warn("publishing the insight of proposal #{} failed", proposal.id(), e);
            progress.progress(binding.agentName(), "could not publish the insight: " + e.getMessage());
        }
    }

    /** Publishes what proposal {@code p} changed and what it achieved; returns the insight as stored. */
    SharedInsight publish(ProposalLifecycle.Binding binding, StoredProposal p) {
        long chainId = chainId(binding.chain());
        ProposalAction action = p.draft().actions().getFirst();
        ParameterChange change = p.draft().change();
        BigDecimal before = p.outcome().before().get("utilization");
        BigDecimal after = p.outcome().after().get("utilization");
        BigDecimal ratio =
                new BigDecimal(change.newValue()).divide(new BigDecimal(change.oldValue()), MathContext.DECIMAL64);
        Opportunity seen = opportunities.get(p.id());
        String symptom = seen != null ? seen.kind() : SYMPTOM;
        String summary = String.format(
                Locale.ROOT,
                "On chain %d the lending market's utilization stayed above the kink (mean %s) because borrowing above the kink"
                        + " was too cheap, leaving little liquidity for withdrawals. Raising the jump multiplier %s from %s to %s"
                        + " (x%s) through %s made borrowers repay: mean utilization fell to %s after execution.",
                chainId,
                Percent.of(before),
                change.parameter(),
                Percent.of(wad(change.oldValue())),
                Percent.of(wad(change.newValue())),
                ratio.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                action.signature(),
                Percent.of(after));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("function", action.signature());
        attrs.put("selector", io.chaoschain.core.Hex.selector(action.calldata()));
        attrs.put("parameter", change.parameter());
        attrs.put("oldValue", change.oldValue().toString());
        attrs.put("newValue", change.newValue().toString());
        attrs.put("ratio", ratio.toPlainString());
        attrs.put("symptom", symptom);
        attrs.put("meanBefore", before.toPlainString());
        attrs.put("meanAfter", after.toPlainString());
        attrs.put("simulationReportHash", p.reportHash());
        attrs.put("proposalId", String.valueOf(p.onchainId()));
        attrs.put("executeTx", String.valueOf(p.executeTxHash()));
        double severity = Math.max(0, Math.min(1, before.subtract(after).doubleValue() * 5));
        Insight insight = new Insight(chainId, change.contract(), symptom, summary, severity, attrs);
        SignedEnvelope env = network.publish(insight);
        SharedInsight shared = toShared(insight, env.agent()).orElseThrow();
        store.save(shared, Direction.PUBLISHED, "local", null, HexFormat.of().formatHex(env.encode()));
        progress.progress(
                binding.agentName(),
                "published cross-chain insight " + shortId(shared.id()) + " on "
                        + ChaosMessage.INSIGHTS_TOPIC + ": " + change.parameter() + " x"
                        + ratio.setScale(2, java.math.RoundingMode.HALF_UP)
                        + ", utilization " + Percent.of(before) + " -> " + Percent.of(after) + " (signed by agent "
                        + env.agent() + ")");
        tell(new ProposalMilestone.InsightShared(shared));
        return shared;
    }

    /** Tells the listeners; their failure never undoes what the exchange recorded. */
    private void tell(ProposalMilestone milestone) {
        try {
            milestones.reached(milestone);
        } catch (Exception e) {
            LOG.warn("a listener of {} failed", milestone.getClass().getSimpleName(), e);
        }
    }

    // ---- received messages

    /** Called on the network's thread: hands the message to the exchange's own. */
    private void receive(ChaosChainNetwork.Received r) {
        if (!worker.execute(() -> handle(r))) {
            LOG.debug("stopping: dropped a {} from {}", r.message().kind(), r.source());
        }
    }

    private void handle(ChaosChainNetwork.Received r) {
        try {
            switch (r.message()) {
                case Insight insight -> receiveInsight(insight, r.envelope(), "gossip", r.source());
                case ProposalAck ack -> receiveAck(ack, r.agent(), r.source());
                case ChaosMessage.ProposalAnnouncement ignored -> {}
            }
        } catch (RuntimeException e) {
            LOG.warn("handling a {} from {} failed", r.message().kind(), r.source(), e);
        }
    }

    private Optional<SharedInsight> receiveInsight(Insight insight, SignedEnvelope env, String via, PeerId peer) {
        Optional<SharedInsight> shared = toShared(insight, env.agent());
        if (shared.isEmpty()) {
            LOG.debug("insight from {} lacks the structured evidence this node needs; not stored", env.agent());
            return shared;
        }
        boolean isNew = store.save(
                shared.get(),
                Direction.RECEIVED,
                via,
                peer == null ? null : peer.toString(),
                HexFormat.of().formatHex(env.encode()));
        if (isNew) {
            SharedInsight s = shared.get();
            progress.progress(
                    label,
                    "received insight " + shortId(s.id()) + " by " + via + " from chain " + s.sourceChainId()
                            + " (agent " + s.sourceAgent() + "): " + s.parameter() + " x"
                            + s.ratio().stripTrailingZeros().toPlainString()
                            + " for " + s.symptom());
        }
        return shared;
    }

    private void receiveAck(ProposalAck ack, String agent, PeerId peer) {
        if (!ADOPTION.equals(ack.attributes().get("type"))) {
            return;
        }
        Optional<StoredInsight> ours = store.find(ack.proposalId()).filter(i -> i.direction() == Direction.PUBLISHED);
        if (ours.isEmpty()) {
            return; // an adoption of someone else's insight
        }
        Map<String, String> a = ack.attributes();
        String adopterProposal = a.getOrDefault("adopterProposal", "");
        String reportHash = a.getOrDefault("simulationReportHash", "");
        if (adopterProposal.isEmpty() || reportHash.isEmpty()) {
            return;
        }
        boolean isNew = store.recordContribution(
                ack.proposalId(),
                agent,
                ack.chainId(),
                adopterProposal,
                reportHash,
                a.get("adoptedValue"),
                peer == null ? null : peer.toString(),
                ack.reason());
        if (isNew) {
            StoredContribution c = store.contributions().stream()
                    .filter(x -> x.insightId().equals(ack.proposalId())
                            && x.adopterProposal().equals(adopterProposal))
                    .findFirst()
                    .orElseThrow();
            progress.progress(
                    label,
                    "contribution recorded: agent " + agent + " on chain " + ack.chainId() + " adopted insight "
                            + shortId(ack.proposalId()) + " for its proposal " + adopterProposal
                            + " (simulation report "
                            + shortId(reportHash) + ")");
            tell(new ProposalMilestone.InsightAdopted(ours.get().insight(), c));
        }
    }

    // ---- asking and judging

    /** The advisor for one local agent: peers are asked, candidates judged, the best relevant one returned. */
    public PriorAdvisor advisorFor(ProposalLifecycle.Binding binding) {
        return (target, opportunity) -> consult(binding, target, opportunity);
    }

    Optional<AdaptationPrior> consult(ProposalLifecycle.Binding binding, MarketTarget target, Opportunity opportunity) {
        long chainId = chainId(binding.chain());
        String agent = binding.agentName();
        List<Map.Entry<PeerId, SimilarSolutions.Solution>> answers =
                network.querySimilar(new SimilarSolutions.Query(opportunity.kind(), opportunity.summary(), chainId, 5));
        if (!answers.isEmpty()) {
            progress.progress(
                    agent,
                    "asked peers for similar solutions (" + SimilarSolutions.PROTOCOL + "): " + answers.size()
                            + " answer(s)");
        }
        for (var answer : answers) {
            Optional<SignedEnvelope> env = answer.getValue().insightEnvelope().filter(SignedEnvelope::signatureValid);
            if (env.isPresent() && env.get().message() instanceof Insight insight) {
                receiveInsight(insight, env.get(), "query", answer.getKey());
            }
        }
        LocalProblem problem = new LocalProblem(
                chainId,
                Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR),
                Set.of(PARAMETER),
                opportunity.kind(),
                opportunity.summary());
        AdaptationPrior best = null;
        long bestRow = -1;
        for (StoredInsight candidate : store.byDirection(Direction.RECEIVED)) {
            SharedInsight insight = candidate.insight();
            if (insight.sourceChainId() == chainId) {
                continue; // not cross-chain
            }
            RelevanceDecision d = relevance.judge(insight, problem);
            var row = store.recordDecision(binding.agentKey(), d);
            progress.progress(
                    agent,
                    String.format(
                            Locale.ROOT,
                            "insight %s from chain %d: structural match %.2f, semantic similarity %.3f (threshold %.2f) -> %s",
                            shortId(insight.id()),
                            insight.sourceChainId(),
                            d.structuralScore(),
                            d.semanticScore(),
                            d.threshold(),
                            d.relevant() ? "relevant" : "not relevant (" + firstFailure(d) + ")"));
            if (d.relevant() && (best == null || d.score() > best.decision().score())) {
                best = new AdaptationPrior(insight, d, insight.parameter(), insight.ratio());
                bestRow = row.id();
            }
        }
        if (best == null) {
            pending.remove(binding.agentKey());
            return Optional.empty();
        }
        pending.put(binding.agentKey(), Map.entry(bestRow, best));
        return Optional.of(best);
    }

    /** The insight's id: keccak256 of its encoded payload, the same on every node. */
    public static String insightId(Insight insight) {
        return "0x" + HexFormat.of().formatHex(Hash.sha3(insight.encode()));
    }

    static Optional<SharedInsight> toShared(Insight i, String agent) {
        Map<String, String> a = i.attributes();
        try {
            return Optional.of(new SharedInsight(
                    insightId(i),
                    i.chainId(),
                    agent,
                    i.target(),
                    a.get("function"),
                    a.get("selector").toLowerCase(Locale.ROOT),
                    a.get("parameter"),
                    new BigInteger(a.get("oldValue")),
                    new BigInteger(a.get("newValue")),
                    a.getOrDefault("symptom", i.category()),
                    new BigDecimal(a.get("meanBefore")),
                    new BigDecimal(a.get("meanAfter")),
                    a.get("simulationReportHash"),
                    a.get("proposalId"),
                    a.get("executeTx"),
                    i.summary()));
        } catch (RuntimeException e) {
            return Optional.empty(); // missing or malformed evidence
        }
    }

    private long chainId(String chain) {
        Long id = chainIds.get(chain);
        if (id == null) {
            throw new IllegalStateException("no chain id known for chain " + chain);
        }
        return id;
    }

    private static String firstFailure(RelevanceDecision d) {
        return d.reasons().stream()
                .filter(r -> r.contains("not") || r.contains("<") || r.contains("no problem"))
                .findFirst()
                .orElse("below threshold");
    }

    private static BigDecimal wad(BigInteger v) {
        return new BigDecimal(v).movePointLeft(18);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    static String shortId(String id) {
        return id == null ? "-" : id.length() > 14 ? id.substring(0, 10) + "…" : id;
    }
}
