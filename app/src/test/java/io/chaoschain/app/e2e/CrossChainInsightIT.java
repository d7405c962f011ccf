package io.chaoschain.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.insight.SharedInsight;
import io.chaoschain.app.demo.CrossChainDemo;
import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.core.Json;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProposalMilestone;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.InsightStore.Direction;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Two nodes on two Anvil chains (31337 and 412346) connected over real loopback libp2p: A's executed, improved proposal
 * becomes a signed insight; B receives it, judges it relevant with both scores, simulates its own proposal starting from
 * the insight's ratio, submits and executes it through its own DAO, and acknowledges; A records the contribution.
 */
class CrossChainInsightIT {
    @TempDir
    Path dir;

    @Test
    void shouldShareAnInsightFromOneChainAndHaveItAdaptedAndAcknowledgedOnAnother() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        List<String> hooks = Collections.synchronizedList(new ArrayList<>());
        MilestoneListener listener = milestone -> {
            switch (milestone) {
                case ProposalMilestone.InsightShared shared ->
                    hooks.add("shared " + shared.insight().id());
                case ProposalMilestone.InsightAdopted adopted ->
                    hooks.add("adopted " + adopted.insight().id() + " by "
                            + adopted.contribution().adopterChainId());
                default -> {}
            }
        };
        Path root = DemoWorld.prepare(dir.resolve("demo"));
        try (CrossChainDemo demo =
                CrossChainDemo.start(root, 7, 14, progress::add, (a, m) -> progress.add(a + ": " + m), listener)) {
            boolean completed = demo.run(Duration.ofMinutes(5));
            assertThat(completed)
                    .as("flow completed; progress:\n%s", String.join("\n", progress))
                    .isTrue();

            InsightStore a = CrossChainDemo.insights(demo.nodeA());
            InsightStore b = CrossChainDemo.insights(demo.nodeB());

            // A published one signed insight carrying its evidence
            SharedInsight insight =
                    a.byDirection(Direction.PUBLISHED).getFirst().insight();
            StoredProposal proposalA =
                    demo.nodeA().database().stores().proposals().all().getFirst();
            assertThat(insight.sourceChainId()).isEqualTo(CrossChainDemo.CHAIN_A);
            assertThat(insight.selector()).isEqualTo(RateModelCalls.SET_RATE_MODEL_SELECTOR);
            assertThat(insight.functionSignature()).isEqualTo(RateModelCalls.SET_RATE_MODEL);
            assertThat(insight.parameter()).isEqualTo("jumpMultiplierPerYear");
            assertThat(insight.simulationReportHash()).isEqualTo(proposalA.reportHash());
            assertThat(insight.proposalId()).isEqualTo(proposalA.onchainId().toString());
            assertThat(insight.newValue()).isEqualTo(proposalA.draft().change().newValue());
            assertThat(insight.meanAfter()).isLessThan(insight.meanBefore());

            // B received it over the network and judged it with both scores
            var received = b.find(insight.id()).orElseThrow();
            assertThat(received.direction()).isEqualTo(Direction.RECEIVED);
            assertThat(received.insight()).isEqualTo(insight);
            assertThat(received.peer())
                    .isEqualTo(demo.nodeA().p2p().orElseThrow().peerId().toString());
            var decision = b.decisions().stream()
                    .filter(d -> d.insightId().equals(insight.id()))
                    .reduce((x, y) -> y)
                    .orElseThrow();
            assertThat(decision.structuralScore()).isEqualTo(1.0);
            assertThat(decision.semanticScore()).isGreaterThanOrEqualTo(decision.threshold());
            assertThat(decision.relevant()).isTrue();

            // B's own proposal was searched from the insight's ratio, on B's fork, and executed through B's DAO
            StoredProposal proposalB =
                    demo.nodeB().database().stores().proposals().all().getFirst();
            assertThat(decision.adoptedProposalId()).isEqualTo(proposalB.id());
            assertThat(proposalB.state()).isEqualTo(ProposalState.EXECUTED);
            assertThat(proposalB.draft().description()).contains("Cross-chain insight", insight.id());
            List<StoredSimulation> sims =
                    demo.nodeB().database().stores().simulations().forProposal(proposalB.id());
            BigInteger jumpB = demo.worldB().settings().rateModel().jumpMultiplierPerYear();
            BigInteger expectedFirst = new BigDecimal(jumpB)
                    .multiply(insight.ratio())
                    .toBigInteger()
                    .divide(BigInteger.TEN.pow(14))
                    .multiply(BigInteger.TEN.pow(14));
            assertThat(sims.getFirst().candidate()).isEqualTo("jumpMultiplierPerYear=" + expectedFirst);
            assertThat(sims.getFirst().report().chainId()).isEqualTo(CrossChainDemo.CHAIN_B);
            assertThat(sims).allSatisfy(s -> assertThat(s.report().chainId()).isEqualTo(CrossChainDemo.CHAIN_B));
            assertThat(demo.nodeA().database().stores().simulations().forProposal(proposalA.id()))
                    .as("A swept without a prior")
                    .hasSizeGreaterThan(sims.size());
            var readOnly = new ReadonlyTransactionManager(
                    demo.worldB().web3j(), demo.worldB().deployment().timelock());
            LendingMarket marketB = LendingMarket.load(
                    demo.worldB().deployment().market(),
                    demo.worldB().web3j(),
                    readOnly,
                    new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000)));
            assertThat(marketB.jumpMultiplierPerYear().send())
                    .isEqualTo(RateModelCalls.decodeSetRateModel(
                                    proposalB.draft().actions().getFirst().calldata())
                            .jumpMultiplierPerYear())
                    .isNotEqualTo(jumpB);

            // A received B's signed ack and recorded the contribution
            var contribution = a.contributions().getFirst();
            assertThat(contribution.insightId()).isEqualTo(insight.id());
            assertThat(contribution.adopterChainId()).isEqualTo(CrossChainDemo.CHAIN_B);
            assertThat(contribution.adopterProposal()).isEqualTo("arbitrum-local#" + proposalB.id());
            assertThat(contribution.simulationReportHash()).isEqualTo(proposalB.reportHash());
            assertThat(contribution.adopterAgent())
                    .isEqualToIgnoringCase(demo.nodeB()
                            .database()
                            .stores()
                            .agents()
                            .all()
                            .getFirst()
                            .operator());
            assertThat(hooks)
                    .contains("shared " + insight.id(), "adopted " + insight.id() + " by " + CrossChainDemo.CHAIN_B);

            // and A's agent holds signed contributions for sharing the insight and for its adoption on chain B
            var kinds = demo.nodeA().attestations().readAll().stream()
                    .map(att -> io.chaoschain.reputation.attestation.ContributionRecord.decode(att.data()))
                    .filter(r -> r.kind().code().startsWith("insight."))
                    .toList();
            assertThat(kinds)
                    .extracting(r -> r.kind().code())
                    .containsExactlyInAnyOrder("insight.shared", "insight.adopted");
            assertThat(kinds)
                    .filteredOn(r -> r.kind().code().equals("insight.shared"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.subject()).isEqualTo(insight.id());
                        assertThat(r.evidenceHash()).isEqualTo(proposalA.reportHash());
                    });
            assertThat(kinds)
                    .filteredOn(r -> r.kind().code().equals("insight.adopted"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.value()).isEqualTo(BigInteger.valueOf(CrossChainDemo.CHAIN_B));
                        assertThat(r.evidenceHash()).isEqualTo(proposalB.reportHash());
                    });
            assertThat(demo.nodeA().reputation().profile(proposalA.agentId()).domains())
                    .anySatisfy(d -> assertThat(d.contributions()).containsKeys("INSIGHT_SHARED", "INSIGHT_ADOPTED"));

            // each node's libp2p identity is its own, owner-only and encrypted at rest
            for (DemoWorld world : List.of(demo.worldA(), demo.worldB())) {
                Path key = world.dir().resolve("node/p2p.key");
                assertThat(java.nio.file.Files.getPosixFilePermissions(key))
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                assertThat(java.nio.file.Files.readAllBytes(key)[9])
                        .as("mode byte: 1 = encrypted")
                        .isEqualTo((byte) 1);
            }

            // and the API shows it
            HttpClient http = HttpClient.newHttpClient();
            JsonNode insights = Json.mapper()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                    + demo.nodeA().apiPort().orElseThrow() + "/api/p2p/insights"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            assertThat(insights.path("contributions").get(0).path("insightId").asText())
                    .isEqualTo(insight.id());
            JsonNode peers = Json.mapper()
                    .readTree(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                    + demo.nodeB().apiPort().orElseThrow() + "/api/p2p/peers"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            assertThat(peers.path("peers").get(0).path("peerId").asText())
                    .isEqualTo(demo.nodeA().p2p().orElseThrow().peerId().toString());
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + demo.nodeA().apiPort().orElseThrow() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .contains("chaoschain_p2p_messages_total{direction=\"out\",kind=\"insight\"} 1.0")
                    .contains("chaoschain_p2p_messages_total{direction=\"in\",kind=\"ack\"} 1.0");
        }
    }
}
