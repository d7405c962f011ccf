package io.chaoschain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Json;
import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.attestation.AttestationJson;
import io.chaoschain.reputation.attestation.AttestationRequest;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The reputation routes of the HTTP API, over a real server and the embedded database. */
class ReputationApiTest {
    private static final String TOKEN = "c0ffee".repeat(8);
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private final StubTimeProvider clock = StubTimeProvider.startingAt(T0.plus(Duration.ofDays(1)));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AttestationSigner signer = new AttestationSigner(
            EasDomain.of("1.3.0", 31337, "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13"),
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
            new SplittableRandom(3));
    private Database db;
    private ApiServer api;
    private int subjects;

    @BeforeEach
    void start() {
        db = Database.open(dataDir, clock);
        api = new ApiServer(
                ApiOptions.loopback(0, TOKEN),
                db.stores(),
                List::of,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                clock,
                new ReputationService(db.stores().reputation(), new InMemoryScoreCache(), clock));
        api.start().join();
    }

    @AfterEach
    void stop() {
        api.stop().join();
        db.close();
    }

    private String attestation(long agent, ContributionKind kind, long value) {
        ContributionRecord record = new ContributionRecord(
                BigInteger.valueOf(agent),
                "eip155:31337",
                kind,
                "0x" + String.format("%064x", ++subjects),
                BigInteger.valueOf(value),
                0,
                "0x" + "ee".repeat(32));
        return AttestationJson.write(signer.sign(record.toRequest(
                ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true),
                AttestationRequest.ZERO_ADDRESS,
                T0.getEpochSecond() + subjects)));
    }

    @Test
    void shouldRecordAnAttestationOnlyWithTheTokenAndOnlyOnce() throws Exception {
        String body = attestation(1, ContributionKind.PROPOSAL_EXECUTED, 0);

        assertThat(post(body, null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = post(body, "Bearer " + TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("agentId").asText()).isEqualTo("31337:1");
        assertThat(json(created).path("stored").asBoolean()).isTrue();
        HttpResponse<String> again = post(body, "Bearer " + TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("stored").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswer400WithTheReasonForABadSignatureOrFormat() throws Exception {
        String body = attestation(1, ContributionKind.PROPOSAL_EXECUTED, 0);
        String forged = body.replaceFirst("(\"s\"\\s*:\\s*\"0x)([0-9a-f])", "$1" + "0");
        forged = forged.equals(body) ? body.replaceFirst("(\"s\"\\s*:\\s*\"0x)([0-9a-f])", "$11") : forged;

        HttpResponse<String> badSignature = post(forged, "Bearer " + TOKEN);
        assertThat(badSignature.statusCode()).isEqualTo(400);
        assertThat(json(badSignature).path("error").asText())
                .contains("is invalid")
                .contains("SIGNER_MISMATCH");

        HttpResponse<String> notJson = post("{\"sig\": 1}", "Bearer " + TOKEN);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("error").asText()).isEqualTo("sig must be a JSON object");
        assertThat(db.stores().reputation().counts().total()).isZero();
    }

    @Test
    void shouldServeALeaderboardPerDomainAndOverall() throws Exception {
        post(attestation(1, ContributionKind.PROPOSAL_SUBMITTED, 0), "Bearer " + TOKEN);
        post(attestation(2, ContributionKind.PROPOSAL_EXECUTED, 0), "Bearer " + TOKEN);
        post(attestation(3, ContributionKind.PROPOSAL_DRAFTED, 0), "Bearer " + TOKEN);

        JsonNode board = json(get("/api/reputation/leaderboard?domain=31337/governance&limit=2"));
        assertThat(board.path("domain").asText()).isEqualTo("31337/governance");
        assertThat(board.path("entries")).hasSize(2);
        assertThat(board.path("entries").get(0).path("agentId").asText()).isEqualTo("31337:2");
        assertThat(board.path("entries").get(1).path("rank").asInt()).isEqualTo(2);
        assertThat(board.path("entries").get(0).path("score").isTextual()).isTrue(); // decimals as strings
        JsonNode all = json(get("/api/reputation/leaderboard"));
        assertThat(all.path("domain").asText()).isEqualTo("all");
        assertThat(all.path("entries")).hasSize(3);
    }

    @Test
    void shouldRejectBadLeaderboardQueriesNamingTheParameter() throws Exception {
        HttpResponse<String> badLimit = get("/api/reputation/leaderboard?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).path("error").asText()).contains("limit must be an integer between 1 and 1000");
        HttpResponse<String> badDomain = get("/api/reputation/leaderboard?domain=31337/a/b");
        assertThat(badDomain.statusCode()).isEqualTo(400);
        assertThat(json(badDomain).path("error").asText()).contains("domain must be CHAIN/AREA");
    }

    @Test
    void shouldServeAnAgentsProfileAndHistory() throws Exception {
        post(attestation(1, ContributionKind.PROPOSAL_EXECUTED, 0), "Bearer " + TOKEN);
        clock.advance(Duration.ofHours(2));
        post(attestation(1, ContributionKind.METRIC_OUTCOME, 12), "Bearer " + TOKEN);

        JsonNode profile = json(get("/api/reputation/agents/31337:1"));
        assertThat(profile.path("agentId").asText()).isEqualTo("31337:1");
        assertThat(profile.path("domains")
                        .get(0)
                        .path("contributions")
                        .path("OUTCOME_IMPROVED")
                        .path("count")
                        .asInt())
                .isEqualTo(1);
        assertThat(new java.math.BigDecimal(profile.path("total").asText())).isPositive();

        JsonNode history = json(get("/api/reputation/agents/31337:1/history?domain=31337/governance"));
        assertThat(history).hasSize(2);
        assertThat(new java.math.BigDecimal(history.get(1).path("score").asText()))
                .isGreaterThan(
                        new java.math.BigDecimal(history.get(0).path("score").asText()));
        assertThat(json(get("/api/reputation/agents/31337:9/history"))).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/reputation/attestations"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }
}
