package io.chaoschain.node.api;

import static io.chaoschain.storage.Samples.CHAIN;
import static io.chaoschain.storage.Samples.GOVERNOR;
import static io.chaoschain.storage.Samples.MARKET;
import static io.chaoschain.storage.Samples.ONCHAIN_ID;
import static io.chaoschain.storage.Samples.OPERATOR;
import static io.chaoschain.storage.Samples.draft;
import static io.chaoschain.storage.Samples.report;
import static io.chaoschain.storage.Samples.snapshot;
import static io.chaoschain.storage.Samples.txHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.AgentRegistration;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import io.chaoschain.storage.Stores;
import io.chaoschain.storage.VoteRecord;
import io.chaoschain.storage.VoteSupport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {
    private static final String TOKEN = "c0ffee".repeat(8);

    @TempDir
    Path dataDir;

    private final StubTimeProvider clock = StubTimeProvider.startingAt(Instant.parse("2026-03-01T12:00:00Z"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<List<ChainHeads.ChainHead>> heads =
            new AtomicReference<>(List.of(new ChainHeads.ChainHead(CHAIN, 31337, 4821L)));
    private Database db;
    private Stores stores;
    private ApiServer api;

    @BeforeEach
    void start() {
        db = Database.open(dataDir, clock);
        stores = db.stores();
        api = new ApiServer(
                ApiOptions.loopback(0, TOKEN),
                stores,
                heads::get,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                clock);
        api.start().join();
    }

    @AfterEach
    void stop() {
        api.stop().join();
        db.close();
    }

    @Test
    void shouldReportHealthWithEveryChainHeadAndUptime() throws Exception {
        clock.advance(Duration.ofSeconds(90));

        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode health = json(response);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("uptime").asLong()).isEqualTo(90);
        assertThat(health.get("chains")).hasSize(1);
        JsonNode chain = health.get("chains").get(0);
        assertThat(chain.get("name").asText()).isEqualTo(CHAIN);
        assertThat(chain.get("chainId").asLong()).isEqualTo(31337);
        assertThat(chain.get("headBlock").asLong()).isEqualTo(4821);
    }

    @Test
    void shouldReportDegradedWhileAChainIsUnreachable() throws Exception {
        heads.set(List.of(
                new ChainHeads.ChainHead(CHAIN, 31337, 4821L), new ChainHeads.ChainHead("sepolia", 11155111, null)));

        HttpResponse<String> response = get("/api/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("status").asText()).isEqualTo("degraded");
        assertThat(json(response).get("chains").get(1).get("headBlock").isNull())
                .isTrue();
    }

    @Test
    void shouldListProposalsAndShowOneWithItsActionsVotesAndBigNumbersAsStrings() throws Exception {
        StoredProposal mine = submitted("Lower the jump multiplier");
        stores.proposals()
                .recordDetected(CHAIN, GOVERNOR, BigInteger.TWO, draft("Someone else's"), ProposalState.ACTIVE);
        stores.votes()
                .record(new VoteRecord(
                        mine.id(), OPERATOR, VoteSupport.FOR, new BigInteger("5000000000000000000000"), txHash(9), 12));

        JsonNode list = json(get("/api/proposals"));
        JsonNode active = json(get("/api/proposals?state=active"));
        JsonNode detail = json(get("/api/proposals/" + mine.id()));

        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("id").asLong()).isEqualTo(mine.id());
        assertThat(list.get(1).get("title").asText()).isEqualTo("Lower the jump multiplier");
        assertThat(active).hasSize(1);
        assertThat(active.get(0).get("agentId").isNull()).isTrue();
        assertThat(detail.get("onchainId").isTextual()).isTrue();
        assertThat(detail.get("onchainId").asText()).isEqualTo(ONCHAIN_ID.toString());
        assertThat(detail.get("state").asText()).isEqualTo("PENDING");
        assertThat(detail.get("submitTxHash").asText()).isEqualTo(txHash(1));
        assertThat(detail.get("actions").get(0).get("target").asText()).isEqualTo(MARKET);
        assertThat(detail.get("actions").get(0).get("value").asText()).isEqualTo("0");
        assertThat(detail.get("change").get("newValue").asText()).isEqualTo("2500000000000000000");
        assertThat(detail.get("votes").get("forVotes").asText()).isEqualTo("5000000000000000000000");
        assertThat(detail.get("votes").get("voters").asInt()).isEqualTo(1);
        assertThat(detail.get("createdAt").asText()).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void shouldAnswer404NamingTheMissingProposal() throws Exception {
        HttpResponse<String> response = get("/api/proposals/4711");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("proposal 4711 not found");
        assertThat(get("/api/proposals/4711/simulations").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400ForAnIdThatIsNotANumber() throws Exception {
        HttpResponse<String> response = get("/api/proposals/abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("proposal id must be a positive integer, got 'abc'");
        assertThat(json(get("/api/proposals?state=voting")).get("error").asText())
                .startsWith("query parameter state must be one of DRAFTED, FINALIZED");
    }

    @Test
    void shouldServeTheP2pViewsOnlyWhenTheNetworkIsWired() throws Exception {
        HttpResponse<String> disabled = get("/api/p2p/peers");
        assertThat(disabled.statusCode()).isEqualTo(404);
        assertThat(json(disabled).get("error").asText()).contains("p2p", "disabled");

        P2pView view = new P2pView() {
            @Override
            public Object peers() {
                return java.util.Map.of(
                        "peerId", "12D3KooWself", "peers", List.of(java.util.Map.of("peerId", "12D3KooWother")));
            }

            @Override
            public Object insights() {
                return java.util.Map.of("contributions", List.of(java.util.Map.of("insightId", "0x01")));
            }
        };
        ApiServer wired = new ApiServer(
                ApiOptions.loopback(0, TOKEN),
                new ApiServer.Sources(
                        stores,
                        heads::get,
                        new ReputationService(stores.reputation(), new InMemoryScoreCache(), clock),
                        java.util.Optional.of(view)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                clock);
        wired.start().join();
        try {
            assertThat(json(get(wired, "/api/p2p/peers")).at("/peers/0/peerId").asText())
                    .isEqualTo("12D3KooWother");
            assertThat(json(get(wired, "/api/p2p/insights"))
                            .at("/contributions/0/insightId")
                            .asText())
                    .isEqualTo("0x01");
        } finally {
            wired.stop().join();
        }
    }

    @Test
    void shouldAnswerJsonForAnUnknownEndpoint() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isNotBlank();
    }

    @Test
    void shouldServeAProposalsSimulationsAndEachSimulation() throws Exception {
        StoredProposal proposal = stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft("x"));
        StoredSimulation first = stores.simulations().record(proposal.id(), "jump=2.5x", report("01"), false);
        StoredSimulation second = stores.simulations().record(proposal.id(), "jump=2.0x", report("02"), true);

        JsonNode list = json(get("/api/proposals/" + proposal.id() + "/simulations"));
        JsonNode one = json(get("/api/simulations/" + second.id()));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(first.id());
        assertThat(list.get(0).get("passed").asBoolean()).isFalse();
        assertThat(one.get("candidate").asText()).isEqualTo("jump=2.0x");
        assertThat(one.get("reportHash").asText()).isEqualTo("0x" + "02".repeat(32));
        assertThat(one.get("report").get("withProposal").get("reverted").asInt())
                .isEqualTo(1);
        assertThat(one.get("report").get("metricsAfter").get("utilization").asText())
                .isEqualTo("0.8705");
        assertThat(get("/api/simulations/999").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListAndShowAgents() throws Exception {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));

        JsonNode agents = json(get("/api/agents"));
        JsonNode agent = json(get("/api/agents/agent-1"));

        assertThat(agents).hasSize(1);
        assertThat(agent.get("name").asText()).isEqualTo("Rate Tuner");
        assertThat(agent.get("operator").asText()).isEqualTo(OPERATOR);
        assertThat(agent.get("paused").asBoolean()).isFalse();
        assertThat(agent.get("score").asText()).isEqualTo("0");
        assertThat(json(get("/api/agents/nobody")).get("error").asText()).isEqualTo("agent nobody not found");
    }

    @Test
    void shouldRefusePausingAnAgentWithoutTheRightToken() throws Exception {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));

        HttpResponse<String> none = post("/api/agents/agent-1/pause", null);
        HttpResponse<String> wrong = post("/api/agents/agent-1/pause", "Bearer " + "0".repeat(48));
        HttpResponse<String> basic = post("/api/agents/agent-1/pause", "Basic " + TOKEN);

        assertThat(List.of(none.statusCode(), wrong.statusCode(), basic.statusCode()))
                .containsOnly(401);
        assertThat(json(none).get("error").asText()).contains("Authorization: Bearer <token>");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(stores.agents().isPaused("agent-1")).isFalse();
    }

    @Test
    void shouldPauseAndResumeAnAgentWithTheToken() throws Exception {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));

        HttpResponse<String> paused = post("/api/agents/agent-1/pause", "Bearer " + TOKEN);

        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("paused").asBoolean()).isTrue();
        assertThat(stores.agents().isPaused("agent-1")).isTrue();

        HttpResponse<String> resumed = post("/api/agents/agent-1/resume", "bearer " + TOKEN);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(stores.agents().isPaused("agent-1")).isFalse();
        assertThat(post("/api/agents/nobody/pause", "Bearer " + TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldServeAMarketsTimeSeriesOldestFirst() throws Exception {
        for (long block = 1; block <= 4; block++) {
            stores.metrics().record(CHAIN, snapshot(block, "0.6" + block));
        }

        JsonNode series = json(get("/api/metrics?chain=" + CHAIN + "&market=" + MARKET + "&limit=2"));

        assertThat(series).hasSize(2);
        assertThat(series.get(0).get("blockNumber").asLong()).isEqualTo(3);
        assertThat(series.get(1).get("utilization").asText()).isEqualTo("0.64");
        assertThat(series.get(1).get("market").asText()).isEqualTo(MARKET);
        assertThat(series.get(1).get("blockTime").asText()).isEqualTo("2026-01-01T00:00:48Z");
        assertThat(json(get("/api/metrics")).size()).isEqualTo(4);
        assertThat(json(get("/api/metrics?chain=other")).size()).isZero();
    }

    @Test
    void shouldRejectBadMetricQueriesNamingTheParameter() throws Exception {
        HttpResponse<String> limit = get("/api/metrics?limit=lots");
        HttpResponse<String> market = get("/api/metrics?market=usdc");

        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(json(limit).get("error").asText()).startsWith("query parameter limit must be an integer");
        assertThat(market.statusCode()).isEqualTo(400);
        assertThat(json(market).get("error").asText()).startsWith("query parameter market must be");
    }

    @Test
    void shouldExposePrometheusMetricsDerivedFromStoredState() throws Exception {
        StoredProposal proposal = stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft("x"));
        stores.simulations().record(proposal.id(), "jump=2.5x", report("01"), true);
        stores.simulations().record(proposal.id(), "jump=2.0x", report("02"), true);
        stores.metrics().record(CHAIN, snapshot(7, "0.93"));

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines).contains("chaoschain_proposals{state=\"DRAFTED\"} 1.0");
        assertThat(lines).contains("chaoschain_proposals{state=\"EXECUTED\"} 0.0");
        assertThat(lines).contains("chaoschain_simulations_total 2.0");
        assertThat(lines)
                .contains("chaoschain_market_utilization{chain=\"" + CHAIN + "\",market=\"" + MARKET + "\"} 0.93");
        assertThat(lines).contains("chaoschain_chain_head_block{chain=\"" + CHAIN + "\"} 4821.0");

        stores.proposals().transition(proposal.id(), ProposalState.FINALIZED);
        stores.metrics().record(CHAIN, snapshot(8, "0.81"));
        List<String> later = get("/metrics").body().lines().toList();
        assertThat(later)
                .contains(
                        "chaoschain_proposals{state=\"DRAFTED\"} 0.0", "chaoschain_proposals{state=\"FINALIZED\"} 1.0");
        assertThat(later)
                .contains("chaoschain_market_utilization{chain=\"" + CHAIN + "\",market=\"" + MARKET + "\"} 0.81");
    }

    @Test
    void shouldListenOnLoopbackByDefault() throws IOException {
        assertThat(ApiOptions.loopback(0, TOKEN).host()).isEqualTo("127.0.0.1");
        assertThat(api.port()).isPositive();
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), api.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void shouldExplainWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ApiServer second =
                    new ApiServer(ApiOptions.loopback(taken.getLocalPort(), TOKEN), stores, ChainHeads.none());

            assertThatThrownBy(() -> second.start().join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageStartingWith("error: the API cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith("choose another --api-port or stop what is using it");
            second.stop().join();
        }
    }

    @Test
    void shouldStopSafelyWhenNeverStarted() {
        ApiServer never = new ApiServer(ApiOptions.loopback(0, TOKEN), stores, ChainHeads.none());

        assertThat(never.stop()).isCompleted();
        assertThatThrownBy(never::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotRevealTheTokenInItsOptions() {
        assertThat(ApiOptions.loopback(0, TOKEN).toString()).doesNotContain(TOKEN);
    }

    private StoredProposal submitted(String title) {
        StoredProposal proposal = stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft(title));
        stores.proposals().transition(proposal.id(), ProposalState.FINALIZED);
        stores.proposals().beginSubmission(proposal.id(), ONCHAIN_ID, "0x" + "77".repeat(32));
        return stores.proposals().recordSubmitted(proposal.id(), txHash(1));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(api, path);
    }

    private HttpResponse<String> get(ApiServer server, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    @SuppressWarnings("unused")
    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asText()));
        return names;
    }
}
