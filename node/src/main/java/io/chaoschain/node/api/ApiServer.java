package io.chaoschain.node.api;

import io.chaoschain.core.Hex;
import io.chaoschain.core.Json;
import io.chaoschain.core.Service;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.InvalidAttestationException;
import io.chaoschain.reputation.service.Leaderboard;
import io.chaoschain.reputation.service.Recorded;
import io.chaoschain.reputation.service.ReputationMapping;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.AgentRecord;
import io.chaoschain.storage.MetricQuery;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.Stores;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API: read-only JSON views of proposals, simulations, agents and market metrics, Prometheus metrics
 * at {@code /metrics}, and a few operator calls that require {@code Authorization: Bearer <token>}.
 *
 * <p>Every method other than GET, HEAD and OPTIONS needs the token, so a route added later cannot be left open by
 * mistake.
 */
public final class ApiServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int DEFAULT_METRICS_LIMIT = 100;
    private static final int DEFAULT_LEADERBOARD_LIMIT = 20;
    private static final Set<HandlerType> OPEN_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiOptions options;
    private final Stores stores;
    private final ChainHeads heads;
    private final PrometheusMeterRegistry registry;
    private final NodeMetrics metrics;
    private final byte[] tokenDigest;
    private final ReputationService reputation;
    private final Optional<P2pView> p2p;
    private volatile Javalin app;

    /**
     * What the API serves.
     *
     * @param heads the chain heads as the node last read them (the health endpoint never calls an RPC)
     * @param reputation serves {@code /api/reputation/*} and the agents' scores (shares the node's score cache)
     * @param p2p serves {@code /api/p2p/peers} and {@code /api/p2p/insights}; empty answers 404 (p2p disabled)
     */
    public record Sources(Stores stores, ChainHeads heads, ReputationService reputation, Optional<P2pView> p2p) {}

    /** An API with its own meter registry and the system clock. */
    public ApiServer(ApiOptions options, Stores stores, ChainHeads heads) {
        this(options, stores, heads, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), TimeProvider.system());
    }

    /**
     * @param registry where the node's meters live; other components may register theirs in it too, and
     *     {@code /metrics} exposes all of them
     */
    public ApiServer(
            ApiOptions options, Stores stores, ChainHeads heads, PrometheusMeterRegistry registry, TimeProvider time) {
        this(
                options,
                stores,
                heads,
                registry,
                time,
                new ReputationService(stores.reputation(), new InMemoryScoreCache(), time));
    }

    /** @param reputation serves {@code /api/reputation/*} (shares the node's score cache) */
    public ApiServer(
            ApiOptions options,
            Stores stores,
            ChainHeads heads,
            PrometheusMeterRegistry registry,
            TimeProvider time,
            ReputationService reputation) {
        this(options, new Sources(stores, heads, reputation, Optional.empty()), registry, time);
    }

    /**
     * @param registry where the node's meters live; other components may register theirs in it too, and
     *     {@code /metrics} exposes all of them
     */
    public ApiServer(ApiOptions options, Sources sources, PrometheusMeterRegistry registry, TimeProvider time) {
        this.options = options;
        this.stores = sources.stores();
        this.heads = sources.heads();
        this.reputation = sources.reputation();
        this.p2p = sources.p2p();
        this.registry = registry;
        this.metrics = new NodeMetrics(registry, stores, heads, time);
        this.tokenDigest = sha256(options.token());
    }

    @Override
    public synchronized CompletableFuture<Void> start() {
        if (app != null) {
            return CompletableFuture.completedFuture(null);
        }
        Javalin created = Javalin.create(this::configure);
        try {
            created.start(options.host(), options.port());
        } catch (JavalinBindException e) {
            created.stop();
            return CompletableFuture.failedFuture(new UserFacingException(
                    "error: the API cannot listen on " + options.host() + ":" + options.port() + " (" + rootMessage(e)
                            + "); choose another --api-port or stop what is using it",
                    e));
        }
        app = created;
        LOG.info("API listening on http://{}:{}", options.host(), created.port());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> stop() {
        Javalin running = app;
        app = null;
        if (running != null) {
            running.stop();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String name() {
        return "api";
    }

    /** The port the API is bound to (the chosen one when configured with port 0). */
    public int port() {
        Javalin running = app;
        if (running == null) {
            throw new IllegalStateException("the API is not running");
        }
        return running.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.jsonMapper(new JavalinJackson(Json.mapper(), true));

        config.routes.before(this::authorize);
        config.routes.get("/api/health", this::health);
        config.routes.get("/api/proposals", this::proposals);
        config.routes.get("/api/proposals/{id}", ctx -> ctx.json(proposalDetail(proposalOrThrow(ctx))));
        config.routes.get("/api/proposals/{id}/simulations", this::proposalSimulations);
        config.routes.get("/api/simulations/{id}", this::simulation);
        config.routes.get(
                "/api/agents",
                ctx -> ctx.json(stores.agents().all().stream().map(this::view).toList()));
        config.routes.get("/api/agents/{id}", ctx -> ctx.json(view(agentOrThrow(ctx.pathParam("id")))));
        config.routes.post("/api/agents/{id}/pause", ctx -> ctx.json(setPaused(ctx.pathParam("id"), true)));
        config.routes.post("/api/agents/{id}/resume", ctx -> ctx.json(setPaused(ctx.pathParam("id"), false)));
        config.routes.get("/api/metrics", this::marketMetrics);
        config.routes.get("/api/reputation/agents/{id}", ctx -> ctx.json(reputation.profile(ctx.pathParam("id"))));
        config.routes.get("/api/reputation/agents/{id}/history", this::reputationHistory);
        config.routes.get("/api/reputation/leaderboard", this::leaderboard);
        config.routes.post("/api/reputation/attestations", this::recordAttestation);
        config.routes.get("/metrics", this::prometheus);
        config.routes.get("/api/p2p/peers", ctx -> ctx.json(p2pOrThrow().peers()));
        config.routes.get("/api/p2p/insights", ctx -> ctx.json(p2pOrThrow().insights()));

        config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("API request {} {} failed", ctx.method().name(), ctx.path(), e);
            error(ctx, 500, "internal error; see the node's log");
        });
    }

    private void authorize(Context ctx) {
        if (OPEN_METHODS.contains(ctx.method())) {
            return;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        // Compare digests: equal length always, so the comparison time says nothing about the token.
        if (presented == null || !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(
                    401,
                    "missing or wrong API token; send 'Authorization: Bearer <token>' (the token is in"
                            + " the node's data directory, file " + ApiToken.FILE_NAME + ")");
        }
    }

    private void health(Context ctx) {
        List<ChainHeads.ChainHead> chains;
        String status;
        try {
            chains = heads.heads();
            status = chains.stream().allMatch(c -> c.headBlock() != null) ? "ok" : "degraded";
        } catch (RuntimeException e) {
            LOG.warn("chain heads unavailable for the health check", e);
            chains = List.of();
            status = "degraded";
        }
        ctx.status("ok".equals(status) ? 200 : 503);
        ctx.json(new Views.Health(status, chains, metrics.uptime().toSeconds()));
    }

    private void proposals(Context ctx) {
        String state = ctx.queryParam("state");
        String agent = ctx.queryParam("agent");
        List<StoredProposal> found;
        if (state != null) {
            found = stores.proposals().inStates(EnumSet.of(parseState(state)));
        } else if (agent != null) {
            found = stores.proposals().byAgent(agent);
        } else {
            found = stores.proposals().all();
        }
        if (state != null && agent != null) {
            found = found.stream().filter(p -> agent.equals(p.agentId())).toList();
        }
        ctx.json(found.stream().map(Views.ProposalSummary::of).toList());
    }

    private Views.ProposalDetail proposalDetail(StoredProposal proposal) {
        return Views.ProposalDetail.of(proposal, stores.votes().tally(proposal.id()));
    }

    private void proposalSimulations(Context ctx) {
        StoredProposal proposal = proposalOrThrow(ctx);
        ctx.json(stores.simulations().forProposal(proposal.id()).stream()
                .map(Views.Simulation::of)
                .toList());
    }

    private void simulation(Context ctx) {
        long id = parseId(ctx.pathParam("id"), "simulation");
        ctx.json(stores.simulations()
                .find(id)
                .map(Views.Simulation::of)
                .orElseThrow(() -> new ApiError(404, "simulation " + id + " not found")));
    }

    private void marketMetrics(Context ctx) {
        String market = ctx.queryParam("market");
        if (market != null) {
            try {
                market = Hex.address(market, "market");
            } catch (UserFacingException e) {
                throw new ApiError(
                        400, "query parameter market must be a 0x-prefixed 20-byte hex address, got '" + market + "'");
            }
        }
        int limit = DEFAULT_METRICS_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MetricQuery.MAX_LIMIT) {
                throw new ApiError(
                        400,
                        "query parameter limit must be an integer between 1 and " + MetricQuery.MAX_LIMIT + ", got '"
                                + limitParam + "'");
            }
        }
        MetricQuery query = new MetricQuery(ctx.queryParam("chain"), market, limit);
        ctx.json(stores.metrics().series(query).stream().map(Views.Metric::of).toList());
    }

    private void leaderboard(Context ctx) {
        Domain domain = domainParam(ctx);
        int limit = DEFAULT_LEADERBOARD_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > ReputationService.MAX_LIMIT) {
                throw new ApiError(
                        400,
                        "query parameter limit must be an integer between 1 and " + ReputationService.MAX_LIMIT
                                + ", got '" + limitParam + "'");
            }
        }
        ctx.contentType("application/json");
        ctx.result(reputation.leaderboardJson(domain, limit));
    }

    private void reputationHistory(Context ctx) {
        String agentId = ctx.pathParam("id");
        ctx.json(reputation.history(agentId, domainParam(ctx)).stream()
                .map(Views.ScorePoint::of)
                .toList());
    }

    private void recordAttestation(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new ApiError(400, "request body must be a signed attestation (EAS off-chain JSON)");
        }
        Recorded recorded;
        try {
            recorded = reputation.record(body);
        } catch (InvalidAttestationException e) {
            throw new ApiError(400, e.getMessage().replaceFirst("^error: ", ""));
        }
        ctx.status(recorded.stored() ? 201 : 200);
        ctx.json(recorded);
    }

    private static Domain domainParam(Context ctx) {
        String raw = ctx.queryParam("domain");
        if (raw == null || raw.isBlank() || Leaderboard.ALL.equals(raw)) {
            return null;
        }
        try {
            return ReputationMapping.parseDomain(raw);
        } catch (UserFacingException e) {
            throw new ApiError(
                    400,
                    "query parameter domain must be CHAIN/AREA (e.g. 31337/" + ReputationMapping.DEFAULT_AREA
                            + ") or 'all', got '" + raw + "'");
        }
    }

    private void prometheus(Context ctx) {
        metrics.refresh();
        ctx.contentType(PROMETHEUS_TEXT);
        ctx.result(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private P2pView p2pOrThrow() {
        return p2p.orElseThrow(() ->
                new ApiError(404, "the p2p network is disabled on this node (set p2p.enabled in the node's config)"));
    }

    private AgentView setPaused(String agentId, boolean paused) {
        AgentRecord agent = stores.agents()
                .setPaused(agentId, paused)
                .orElseThrow(() -> new ApiError(404, "agent " + agentId + " not found"));
        LOG.info("agent {} {} through the API", agentId, paused ? "paused" : "resumed");
        return view(agent);
    }

    /** The agent with its one score, the reputation engine's. */
    private AgentView view(AgentRecord agent) {
        return AgentView.of(agent, reputation);
    }

    private AgentRecord agentOrThrow(String agentId) {
        return stores.agents().find(agentId).orElseThrow(() -> new ApiError(404, "agent " + agentId + " not found"));
    }

    private StoredProposal proposalOrThrow(Context ctx) {
        long id = parseId(ctx.pathParam("id"), "proposal");
        return stores.proposals().find(id).orElseThrow(() -> new ApiError(404, "proposal " + id + " not found"));
    }

    private static long parseId(String raw, String what) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, what + " id must be a positive integer, got '" + raw + "'");
    }

    private static ProposalState parseState(String raw) {
        try {
            return ProposalState.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(
                    400,
                    "query parameter state must be one of "
                            + Arrays.stream(ProposalState.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))
                            + ", got '" + raw + "'");
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.json(new Views.Error(message));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** An error answered with a JSON body {@code {"error": message}}. */
    static final class ApiError extends RuntimeException {
        private final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
