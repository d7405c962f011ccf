package io.chaoschain.node.runtime;

import io.chaoschain.core.Service;
import io.chaoschain.node.api.ApiServer;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.lifecycle.Listeners;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProgressListener;
import io.chaoschain.node.p2p.InsightExchange;
import io.chaoschain.node.p2p.P2pNetwork;
import io.chaoschain.node.runtime.AgentsWiring.Agents;
import io.chaoschain.node.runtime.ChainsWiring.Chains;
import io.chaoschain.node.runtime.P2pWiring.P2p;
import io.chaoschain.node.runtime.ReputationWiring.Reputation;
import io.chaoschain.node.runtime.StorageWiring.Storage;
import io.chaoschain.reputation.service.AttestationArchive;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, wired in small pieces from one {@link NodeContext}: chains, storage, reputation, p2p, agents and
 * API, each step taking what the steps before it built. Its services start in order (p2p, monitors, lifecycles, API)
 * and stop in reverse, then the storage and the chain clients are closed. {@code chaoschain node} and
 * {@code chaoschain demo} both come through here.
 */
public final class ChaosChainNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosChainNode.class);
    private static final long SERVICE_TIMEOUT_SECONDS = 30;

    private final NodeContext context;
    private final Storage storage;
    private final Reputation reputation;
    private final Optional<P2p> p2p;
    private final Agents agents;
    private final Optional<ApiServer> api;
    private final List<Service> services = new ArrayList<>();
    private final Resources resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChaosChainNode(
            NodeContext context,
            Storage storage,
            Reputation reputation,
            Optional<P2p> p2p,
            Agents agents,
            Optional<ApiServer> api,
            Resources resources) {
        this.context = context;
        this.storage = storage;
        this.reputation = reputation;
        this.p2p = p2p;
        this.agents = agents;
        this.api = api;
        this.resources = resources;
        p2p.ifPresent(p -> services.addAll(p.services())); // before the lifecycles: their agents consult peers
        services.addAll(reputation.feedbackMonitors());
        services.addAll(agents.voteMonitors());
        services.addAll(agents.warmForks()); // before the lifecycles: their sweeps lease these forks
        services.addAll(agents.lifecycles());
        api.ifPresent(services::add);
    }

    /** {@link #start(NodeConfig, ProgressListener, MilestoneListener)} with nobody told of milestones. */
    public static ChaosChainNode start(NodeConfig config, ProgressListener progress) {
        return start(config, progress, MilestoneListener.NONE);
    }

    /**
     * Starts a node of {@code config}: progress lines go to {@code progress}, and {@code milestones} is told of every
     * proposal milestone, also the insights this node's agents share and other chains adopt.
     */
    public static ChaosChainNode start(NodeConfig config, ProgressListener progress, MilestoneListener milestones) {
        return start(NodeContext.of(config, new Listeners(progress, milestones)));
    }

    /**
     * Connects to every chain (checking its chain id), unlocks every agent's key, opens the database, wires the rest and
     * starts all services. Anything that fails closes what was opened before it, each exactly once.
     */
    public static ChaosChainNode start(NodeContext context) {
        Resources resources = new Resources();
        ChaosChainNode node;
        try {
            Chains chains = resources.own("chain clients", ChainsWiring.wire(context));
            Storage storage = resources.own("storage", StorageWiring.wire(context));
            Reputation reputation = ReputationWiring.wire(context, chains, storage);
            Optional<P2p> p2p = P2pWiring.wire(context, chains, storage, reputation);
            Agents agents = AgentsWiring.wire(context, chains, storage, reputation, p2p);
            Optional<ApiServer> api = ApiWiring.wire(context, storage, reputation, agents, p2p);
            node = new ChaosChainNode(context, storage, reputation, p2p, agents, api, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
        node.startServices();
        return node;
    }

    private void startServices() {
        try {
            for (Service s : services) {
                s.start().get(SERVICE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.debug("started {}", s.name());
            }
        } catch (Exception e) {
            close(); // stops what did start (stop is safe on a service that never started), then closes the resources
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("node failed to start: " + e.getMessage(), e);
        }
    }

    public Database database() {
        return storage.database();
    }

    public NodeConfig config() {
        return context.config();
    }

    /** Agent reputation over this node's database: record attestations and chain feedback, read scores. */
    public ReputationService reputation() {
        return reputation.service();
    }

    /** The signed attestations this node made, as files under {@code dataDir/attestations}. */
    public AttestationArchive attestations() {
        return reputation.node().archive();
    }

    /** The libp2p network, when {@code p2p.enabled}. */
    public Optional<P2pNetwork> p2p() {
        return p2p.map(P2p::network);
    }

    /** The cross-chain insight exchange, when {@code p2p.enabled}. */
    public Optional<InsightExchange> insights() {
        return p2p.map(P2p::exchange);
    }

    public Optional<Integer> apiPort() {
        return api.map(ApiServer::port);
    }

    /** True once every agent's latest proposal has reached a recorded outcome. */
    public boolean isIdle() {
        return agents.idle();
    }

    /** Stops every service in reverse start order, then closes the storage and the chain clients; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        for (int i = services.size() - 1; i >= 0; i--) {
            Service s = services.get(i);
            try {
                s.stop().get(SERVICE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // stop the rest anyway, then let the caller see the interrupt
                LOG.warn("interrupted while stopping {}", s.name(), e);
            } catch (Exception e) {
                LOG.warn("stopping {} failed", s.name(), e);
            }
        }
        resources.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
