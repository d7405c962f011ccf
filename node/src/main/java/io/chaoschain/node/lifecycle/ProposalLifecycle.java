package io.chaoschain.node.lifecycle;

import io.chaoschain.agent.AgentDecision;
import io.chaoschain.agent.Analyst;
import io.chaoschain.agent.CandidateVerdict;
import io.chaoschain.agent.MarketTarget;
import io.chaoschain.agent.insight.PriorAdvisor;
import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.Service;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.storage.AgentRegistration;
import io.chaoschain.storage.ProposalOutcome;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.Stores;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one agent's proposals through their whole life: collect metrics → let the agent decide → record and submit
 * the finalized proposal → follow the vote → queue → execute → measure the outcome → update the agent's record.
 *
 * <p>Every step is persisted before the chain is touched and re-derived from the chain after a restart, so a node
 * killed at any point resumes where it stopped. A proposal's on-chain id is claimed in the database before the
 * submission is sent (the id is a hash of its content), and the Governor itself rejects a second identical proposal,
 * so a proposal is never submitted twice.
 */
public final class ProposalLifecycle implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ProposalLifecycle.class);

    /** Runs store calls in one database transaction (the node passes {@code Database::inTransaction}). */
    @FunctionalInterface
    public interface Transactions {
        <T> T apply(java.util.function.Supplier<T> work);
    }

    /** Which agent, on which chain, with which contracts and settings. */
    public record Binding(
            String chain,
            String agentKey,
            BigInteger agentId,
            String agentName,
            String operator,
            String registry,
            String governor,
            String market,
            String executor,
            java.util.function.Supplier<String> rpcUrl,
            int confirmations,
            int historyBlocks,
            int outcomeBlocks,
            Duration pollInterval) {}

    /**
     * What the lifecycle works through: the chain (the Governor and endpoint through {@code gateway}, the market through
     * {@code market}) and the database ({@code stores}, with {@code transactions} to write several in one transaction).
     */
    public record Ports(GovernanceGateway gateway, MarketMetrics market, Stores stores, Transactions transactions) {}

    private static final int BACKFILL_SAMPLES = 40;

    private final Binding binding;
    private final Analyst agent;
    private final PriorAdvisor advisor;
    private final GovernanceGateway gateway;
    private final MarketMetrics market;
    private final Stores stores;
    private final Transactions transactions;
    private final ProgressListener progress;
    private final MilestoneListener milestones;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object wake = new Object();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Thread loop;
    private long lastSnapshotBlock = -1;
    private long decidedAtBlock = -1;
    private long floorBlock = -1;
    private final Map<Long, Long> executedAtBlock = new java.util.concurrent.ConcurrentHashMap<>();
    private String lastMessage = "";

    /**
     * @param advisor who the agent asks, once it has detected a problem, whether another chain has solved it
     *     ({@link PriorAdvisor#NONE}: nobody)
     * @param listeners progress lines, and the proposal milestones (the node's reputation flow and insight exchange)
     */
    public ProposalLifecycle(Binding binding, Analyst agent, PriorAdvisor advisor, Ports ports, Listeners listeners) {
        this.binding = binding;
        this.agent = agent;
        this.advisor = advisor;
        this.gateway = ports.gateway();
        this.market = ports.market();
        this.stores = ports.stores();
        this.transactions = ports.transactions();
        this.progress = listeners.progress();
        this.milestones = listeners.milestones();
    }

    @Override
    public String name() {
        return "lifecycle[" + binding.agentName() + "]";
    }

    public Binding binding() {
        return binding;
    }

    @Override
    public CompletableFuture<Void> start() {
        register();
        running.set(true);
        loop = Thread.ofVirtual().name(name()).start(this::run);
        return CompletableFuture.completedFuture(null);
    }

    /** Records the agent and picks up where metric collection stopped; {@link #start()} does this first. */
    void register() {
        stores.agents()
                .register(new AgentRegistration(
                        binding.agentKey(),
                        binding.chain(),
                        binding.agentName(),
                        binding.operator(),
                        binding.registry()));
        stores.metrics().latest(binding.chain(), binding.market()).ifPresent(s -> lastSnapshotBlock = s.blockNumber());
    }

    /**
     * Stops after the current tick. The loop thread is woken, never interrupted: an interrupt during the database's
     * file I/O would close the database under the other services.
     */
    @Override
    public CompletableFuture<Void> stop() {
        if (running.compareAndSet(true, false) && loop != null) {
            synchronized (wake) {
                wake.notifyAll();
            }
            return stopped;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** True once the agent's latest proposal has a recorded outcome (or ended without execution). */
    public boolean isIdle() {
        return latest().map(p -> p.state().isTerminal()
                        && (p.state() != ProposalState.EXECUTED || p.outcome() != null)
                        && milestones.settled(p))
                .orElse(false);
    }

    private void run() {
        try {
            while (running.get()) {
                try {
                    tick();
                } catch (InterruptedException e) {
                    break;
                } catch (Exception e) {
                    if (!running.get()) {
                        break; // stopping: a call cut short by the shutdown is not an error
                    }
                    // a transient chain or RPC failure: report once, keep going; the next tick retries from persisted
                    // state
                    say("error (will retry): " + e.getMessage());
                    LOG.debug("lifecycle tick failed", e);
                }
                synchronized (wake) {
                    if (running.get()) {
                        try {
                            wake.wait(binding.pollInterval().toMillis());
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                }
            }
        } finally {
            stopped.complete(null);
        }
    }

    /** One pass: metrics, then either follow the open proposal or let the agent look for a new one. */
    void tick() throws Exception {
        long head = market.headBlock();
        long confirmed = head - binding.confirmations();
        collectMetrics(confirmed);
        Optional<StoredProposal> open = latest().filter(
                        p -> !p.state().isTerminal() || p.state() == ProposalState.EXECUTED && p.outcome() == null);
        if (open.isPresent()) {
            follow(open.get(), head);
        } else if (confirmed > decidedAtBlock && !stores.agents().isPaused(binding.agentKey())) {
            decide(confirmed, evidenceFloor(confirmed));
        }
        Optional<StoredProposal> current = latest();
        if (current.isPresent()) {
            milestones.reached(new ProposalMilestone.StateReached(binding, current.get()));
        }
    }

    /**
     * Snapshots the market at the confirmed head. A node that starts (or restarts) behind first backfills the evidence
     * window from history, sampling it at up to {@value #BACKFILL_SAMPLES} evenly spaced blocks.
     */
    private void collectMetrics(long confirmed) throws Exception {
        if (confirmed <= lastSnapshotBlock || confirmed < 1) {
            return;
        }
        long windowStart = Math.max(1, confirmed - binding.historyBlocks());
        long from = Math.max(lastSnapshotBlock + 1, windowStart);
        if (lastSnapshotBlock < 0) {
            from = market.firstBlockWithCode(from, confirmed); // no history before the market existed
            if (from > confirmed) {
                throw new IllegalStateException("market " + binding.market() + " has no code on chain "
                        + binding.chain() + " up to block " + confirmed + "; check agents[].market");
            }
        }
        long step = Math.max(1, (confirmed - from) / BACKFILL_SAMPLES);
        if (confirmed - from > BACKFILL_SAMPLES) {
            say("backfilling market history: blocks " + from + "–" + confirmed + " every " + step + " blocks");
        }
        long previous = Math.max(lastSnapshotBlock, from - 1);
        for (long block = confirmed - ((confirmed - from) / step) * step; block <= confirmed; block += step) {
            MarketSnapshot s = market.snapshot(block, previous);
            stores.metrics().record(binding.chain(), s);
            previous = block;
            lastSnapshotBlock = block;
        }
    }

    /**
     * Evidence for a new proposal starts after the previous one ended: after its execution block, or, for one that
     * ended unexecuted, after the block at which this node saw it end.
     */
    private long evidenceFloor(long confirmed) throws Exception {
        Optional<StoredProposal> last = latest();
        if (last.isEmpty()) {
            return 0;
        }
        if (last.get().state() == ProposalState.EXECUTED) {
            return executionBlock(last.get()) + 1;
        }
        if (floorBlock < 0) {
            floorBlock = confirmed;
        }
        return floorBlock;
    }

    private void decide(long confirmed, long floor) throws Exception {
        decidedAtBlock = confirmed;
        List<MarketSnapshot> history = history(Math.max(floor, confirmed - binding.historyBlocks()), confirmed);
        if (history.isEmpty()) {
            return;
        }
        MarketTarget target =
                new MarketTarget(binding.chain(), binding.market(), binding.executor(), market.rateModel());
        long from = history.getFirst().blockNumber();
        AgentDecision decision;
        try {
            decision = agent.decide(target, history, binding.rpcUrl().get(), from, confirmed, advisor);
        } catch (RuntimeException e) {
            // policy refusals and simulation failures are not fixed by the next block: wait for fresh evidence
            decidedAtBlock = confirmed + binding.historyBlocks() / 2;
            throw e;
        }
        switch (decision) {
            case AgentDecision.NoOpportunity none -> say("watching: " + none.reason());
            case AgentDecision.Abandoned abandoned -> {
                say("no proposal: " + abandoned.reason());
                // wait for a fresh evidence window before trying again
                decidedAtBlock = confirmed + binding.historyBlocks() / 2;
            }
            case AgentDecision.Finalized finalized -> submitNew(finalized);
        }
    }

    private void submitNew(AgentDecision.Finalized finalized) throws Exception {
        // the proposal, every simulation behind it and its FINALIZED state are recorded together or not at all
        StoredProposal p = transactions.apply(() -> {
            StoredProposal created = stores.proposals()
                    .create(binding.chain(), binding.governor(), binding.agentKey(), finalized.draft());
            for (CandidateVerdict v : finalized.iterations()) {
                stores.simulations()
                        .record(created.id(), "jumpMultiplierPerYear=" + v.jumpMultiplier(), v.report(), v.passed());
            }
            return stores.proposals().transition(created.id(), ProposalState.FINALIZED);
        });
        say("proposal #" + p.id() + " finalized after " + finalized.iterations().size() + " simulations");
        announce(new ProposalMilestone.Finalized(binding, p, finalized));
        submit(p, finalized.chosen().report().reportHash());
    }

    private void submit(StoredProposal p, String reportHash) throws Exception {
        if (p.state() == ProposalState.FINALIZED && stores.agents().isPaused(binding.agentKey())) {
            say("proposal #" + p.id()
                    + " is ready but the agent is paused (POST /api/agents/{id}/resume); not submitting");
            return;
        }
        BigInteger onchainId = gateway.proposalId(p.draft());
        if (p.state() == ProposalState.FINALIZED) {
            p = stores.proposals().beginSubmission(p.id(), onchainId, reportHash);
        }
        if (gateway.state(onchainId).isPresent()) {
            // submitted before a crash: find the transaction instead of sending another
            String tx = gateway.submissionTx(onchainId).orElse(null);
            stores.proposals().recordSubmitted(p.id(), tx);
            say("proposal #" + p.id() + " was already on chain (id " + shortId(onchainId) + "); resumed");
            return;
        }
        if (stores.agents().isPaused(binding.agentKey())) {
            // paused after the id was claimed: resumes from SUBMITTING once the operator resumes the agent
            say("proposal #" + p.id()
                    + " is ready but the agent is paused (POST /api/agents/{id}/resume); not submitting");
            return;
        }
        say("submitting proposal #" + p.id() + " through the GovernanceEndpoint as agent " + binding.agentId());
        TxResult receipt = gateway.submit(binding.agentId(), p.draft(), reportHash);
        stores.proposals().recordSubmitted(p.id(), receipt.hash());
        say("submitted: tx " + receipt.hash() + ", governor proposal id " + shortId(onchainId));
    }

    private void follow(StoredProposal p, long head) throws Exception {
        if (p.state() == ProposalState.SUBMITTING || p.state() == ProposalState.FINALIZED) {
            submit(p, p.reportHash());
            return;
        }
        BigInteger id = p.onchainId();
        ProposalState onchain = gateway.state(id)
                .orElseThrow(() -> new IllegalStateException(
                        "proposal " + id + " is recorded as submitted but the Governor does not know it"));
        if (onchain != p.state() && p.state() != ProposalState.EXECUTED) {
            p = stores.proposals().transition(p.id(), onchain);
            say("proposal #" + p.id() + " is now " + onchain);
        }
        switch (onchain) {
            case SUCCEEDED -> {
                TxResult r = gateway.queue(p.draft());
                StoredProposal q = stores.proposals().recordQueued(p.id(), r.hash(), gateway.eta(id));
                say("queued in the timelock: tx " + r.hash() + ", executable at " + q.eta());
            }
            case QUEUED -> {
                if (p.eta() == null) {
                    p = stores.proposals().recordQueued(p.id(), p.queueTxHash(), gateway.eta(id));
                }
                if (!gateway.latestBlockTime().isBefore(p.eta())) {
                    TxResult r = gateway.execute(p.draft());
                    stores.proposals().recordExecuted(p.id(), r.hash());
                    say("executed: tx " + r.hash() + " in block " + r.blockNumber());
                }
            }
            case EXECUTED -> measureOutcome(p, head);
            default -> {}
        }
    }

    /**
     * Compares the market before and after execution on the real chain: mean utilization and borrow APR over the
     * evidence window before submission against the snapshots taken after execution.
     */
    private void measureOutcome(StoredProposal p, long head) throws Exception {
        long executedAt = executionBlock(p);
        if (head < executedAt + binding.outcomeBlocks()) {
            return;
        }
        List<MarketSnapshot> before = history(0, executedAt - 1).stream()
                .filter(s -> s.blockNumber() < executedAt)
                .toList();
        List<MarketSnapshot> after = history(executedAt, head).stream()
                .filter(s -> s.blockNumber() > executedAt)
                .toList();
        if (after.size() < 3) {
            return;
        }
        before = before.subList(Math.max(0, before.size() - after.size() * 2), before.size());
        Map<String, BigDecimal> b = means(before);
        Map<String, BigDecimal> a = means(after);
        boolean improved = a.get("utilization").compareTo(b.get("utilization")) < 0;
        String summary = String.format(
                "mean utilization %s -> %s, borrow APR %s -> %s over %d blocks after execution",
                pct(b.get("utilization")),
                pct(a.get("utilization")),
                pct(b.get("borrowApr")),
                pct(a.get("borrowApr")),
                head - executedAt);
        stores.proposals().recordOutcome(p.id(), new ProposalOutcome(head, b, a, improved, summary));
        say("outcome recorded: " + summary + (improved ? " — improved" : " — not improved"));
        StoredProposal measured = stores.proposals().find(p.id()).orElse(p);
        announce(new ProposalMilestone.OutcomeRecorded(binding, measured));
    }

    /** Tells the listeners of a milestone that happens once; sharing news must never hold up the proposal. */
    private void announce(ProposalMilestone milestone) {
        try {
            milestones.reached(milestone);
        } catch (Exception e) {
            LOG.warn("a listener of {} failed", milestone.getClass().getSimpleName(), e);
        }
    }

    /** Where the Governor executed {@code p}, read once from its ProposalExecuted event (whoever executed it). */
    private long executionBlock(StoredProposal p) throws Exception {
        Long cached = executedAtBlock.get(p.id());
        if (cached == null) {
            cached = gateway.executionBlock(p.onchainId())
                    .orElseThrow(() -> new IllegalStateException("proposal #" + p.id()
                            + " is EXECUTED but the Governor has no ProposalExecuted event for it"));
            executedAtBlock.put(p.id(), cached);
        }
        return cached;
    }

    private List<MarketSnapshot> history(long fromBlock, long toBlock) {
        return stores.metrics().range(binding.chain(), binding.market(), fromBlock, toBlock);
    }

    private static Map<String, BigDecimal> means(List<MarketSnapshot> snapshots) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put(
                "utilization",
                mean(snapshots.stream().map(MarketSnapshot::utilization).toList()));
        m.put(
                "borrowApr",
                mean(snapshots.stream().map(MarketSnapshot::borrowApr).toList()));
        m.put(
                "supplyApr",
                mean(snapshots.stream().map(MarketSnapshot::supplyApr).toList()));
        return m;
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return values.isEmpty()
                ? BigDecimal.ZERO
                : values.stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
    }

    private Optional<StoredProposal> latest() {
        return stores.proposals().latestByAgent(binding.agentKey());
    }

    private void say(String message) {
        if (!message.equals(lastMessage)) {
            lastMessage = message;
            progress.progress(binding.agentName(), message);
        }
    }

    private static String pct(BigDecimal fraction) {
        return io.chaoschain.agent.Percent.of(fraction);
    }

    private static String shortId(BigInteger id) {
        String s = id.toString();
        return s.length() > 12 ? s.substring(0, 6) + "…" + s.substring(s.length() - 4) : s;
    }
}
