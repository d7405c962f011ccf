package io.chaoschain.node.api;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.storage.ChainSnapshot;
import io.chaoschain.storage.Stores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's Prometheus meters derived from stored state. Values are read from the database once per scrape
 * ({@link #refresh()}) and the meters report that snapshot, instead of each gauge querying on its own.
 */
public final class NodeMetrics {
    private final MeterRegistry registry;
    private final Stores stores;
    private final ChainHeads heads;
    private final TimeProvider time;
    private final Instant started;

    private volatile Map<ProposalState, Long> proposalsByState = Map.of();
    private final AtomicLong simulations = new AtomicLong();
    private final AtomicLong pausedAgents = new AtomicLong();
    private final Map<String, Double> marketValues = new ConcurrentHashMap<>();
    private final Map<String, Double> chainHeads = new ConcurrentHashMap<>();

    public NodeMetrics(MeterRegistry registry, Stores stores, ChainHeads heads, TimeProvider time) {
        this.registry = registry;
        this.stores = stores;
        this.heads = heads;
        this.time = time;
        this.started = time.now();
        for (ProposalState state : ProposalState.values()) {
            Gauge.builder("chaoschain.proposals", this, m -> m.proposalsByState.getOrDefault(state, 0L))
                    .description("Proposals recorded by this node, by lifecycle state")
                    .tag("state", state.name())
                    .register(registry);
        }
        FunctionCounter.builder("chaoschain.simulations", simulations, AtomicLong::doubleValue)
                .description("Fork simulations recorded by this node")
                .register(registry);
        Gauge.builder("chaoschain.agents.paused", pausedAgents, AtomicLong::doubleValue)
                .description("Agents whose submissions an operator paused")
                .register(registry);
        Gauge.builder("chaoschain.uptime.seconds", this, m -> m.uptime().toMillis() / 1000.0)
                .description("Seconds since the API started")
                .register(registry);
    }

    public Duration uptime() {
        return Duration.between(started, time.now());
    }

    /** Re-reads the stored state the meters report. */
    public void refresh() {
        Map<ProposalState, Long> counts = new EnumMap<>(ProposalState.class);
        counts.putAll(stores.proposals().countByState());
        proposalsByState = counts;
        simulations.set(stores.simulations().count());
        pausedAgents.set(stores.agents().all().stream().filter(a -> a.paused()).count());
        for (ChainSnapshot latest : stores.metrics().latestPerMarket()) {
            marketGauge(
                    "chaoschain.market.utilization",
                    "Latest utilization of a lending market (0..1)",
                    latest,
                    latest.snapshot().utilization().doubleValue());
            marketGauge(
                    "chaoschain.market.borrow.apr",
                    "Latest borrow rate per year of a lending market",
                    latest,
                    latest.snapshot().borrowApr().doubleValue());
        }
        for (ChainHeads.ChainHead head : heads.heads()) {
            if (head.headBlock() != null) {
                String key = head.name();
                if (chainHeads.put(key, head.headBlock().doubleValue()) == null) {
                    Gauge.builder("chaoschain.chain.head.block", chainHeads, m -> m.getOrDefault(key, Double.NaN))
                            .description("Latest block seen on a chain")
                            .tag("chain", head.name())
                            .register(registry);
                }
            }
        }
    }

    private void marketGauge(String name, String description, ChainSnapshot latest, double value) {
        String key = name + '|' + latest.chain() + '|' + latest.snapshot().market();
        if (marketValues.put(key, value) == null) {
            // First sight of this market: its gauge reads the map entry refreshed on every scrape from now on.
            Gauge.builder(name, marketValues, m -> m.getOrDefault(key, Double.NaN))
                    .description(description)
                    .tag("chain", latest.chain())
                    .tag("market", latest.snapshot().market())
                    .register(registry);
        }
    }
}
