package io.chaoschain.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.app.cli.ChaosChainCommand;
import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.chains.contracts.ValidationRegistry;
import io.chaoschain.core.Hex;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.reputation.FeedbackEvents;
import io.chaoschain.node.reputation.ReputationFlow;
import io.chaoschain.node.reputation.ReputationRebuild;
import io.chaoschain.node.reputation.ValidationScore;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.service.AgentProfile;
import io.chaoschain.reputation.service.AttestationArchive;
import io.chaoschain.reputation.service.ChainTime;
import io.chaoschain.reputation.service.InMemoryScoreCache;
import io.chaoschain.reputation.service.NodeReputation;
import io.chaoschain.reputation.service.ReputationMapping;
import io.chaoschain.reputation.service.ReputationService;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The reputation side of the lifecycle against a real Anvil devnet and a real node: every step is attested and
 * verifiable, the simulation is validated and the outcome anchored in the ERC-8004 registries, the scores reflect an
 * executed and improved proposal, a restarted node adds nothing twice, and wiping the reputation state and rebuilding
 * it from the attestation files and the chain's events gives exactly the same scores and explanations.
 */
class ReputationFlowIT {
    @TempDir
    Path dir;

    @Test
    void shouldAttestAnchorScoreAndRebuildTheAgentsReputationExactly() throws Exception {
        List<String> progress = new ArrayList<>();
        try (DemoWorld world = DemoWorld.create(DemoWorld.Options.demo(dir.resolve("demo"), 7, 14), progress::add)) {
            var config = ConfigLoader.load(world.config());
            String agentKey = world.deployment().chainId() + ":" + world.agentId();
            String domain = world.deployment().chainId() + "/" + ReputationMapping.DEFAULT_AREA;
            StoredProposal p;
            int attestationFiles;
            try (ChaosChainNode node = ChaosChainNode.start(config, (a, m) -> progress.add(a + ": " + m))) {
                runUntilIdle(world, node, progress);
                p = node.database().stores().proposals().all().getFirst();
                assertThat(p.state()).isEqualTo(ProposalState.EXECUTED);
                assertThat(p.outcome().improved()).isTrue();

                // attestations: one per step, each a verifiable file under the data dir
                List<OffchainAttestation> archived = node.attestations().readAll();
                Map<String, OffchainAttestation> byKind = archived.stream()
                        .collect(Collectors.toMap(
                                a -> ContributionRecord.decode(a.data()).kind().code(), Function.identity()));
                assertThat(byKind.keySet())
                        .containsExactlyInAnyOrder(
                                "proposal.drafted",
                                "proposal.simulated",
                                "proposal.submitted",
                                "validation.confirmed",
                                "proposal.accepted",
                                "proposal.executed",
                                "metric.outcome");
                AttestationVerifier verifier = new AttestationVerifier(TimeProvider.system());
                String operator = node.database()
                        .stores()
                        .agents()
                        .find(agentKey)
                        .orElseThrow()
                        .operator();
                for (OffchainAttestation a : archived) {
                    assertThat(verifier.verify(a).valid())
                            .as("attestation %s verifies", a.uid())
                            .isTrue();
                    ContributionRecord r = ContributionRecord.decode(a.data());
                    assertThat(r.agentId()).isEqualTo(world.agentId());
                    assertThat(r.subject())
                            .isEqualTo(Hex.encode(org.web3j.utils.Numeric.toBytesPadded(p.onchainId(), 32)));
                    String expectedSigner = r.kind() == ContributionKind.VALIDATION_CONFIRMED
                            ? AnvilAccounts.credentials(4).getAddress()
                            : operator;
                    assertThat(a.signer()).isEqualToIgnoringCase(expectedSigner);
                    Path file = node.attestations().fileOf(a.uid());
                    assertThat(ChaosChainCommand.execute("reputation", "verify", file.toString()))
                            .as("verify %s", file)
                            .isZero();
                    assertThat(node.reputation().profile(agentKey).attestations())
                            .isEqualTo(archived.size());
                }
                OffchainAttestation outcome = byKind.get("metric.outcome");
                assertThat(ContributionRecord.decode(outcome.data()).value()).isPositive();
                assertThat(ContributionRecord.decode(
                                        byKind.get("proposal.submitted").data())
                                .evidenceHash())
                        .isEqualTo(p.submitTxHash());

                // on chain: the validator's answer carries the report hash, the reviewer's feedback the outcome
                // attestation UID
                var reader = new ReadonlyTransactionManager(
                        world.web3j(), world.deployment().timelock());
                var gas = new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000));
                var validation =
                        ValidationRegistry.load(world.deployment().validationRegistry(), world.web3j(), reader, gas);
                var status = validation
                        .getValidationStatus(
                                Hex.decode(ReputationFlow.validationRequestHash(p.onchainId(), p.reportHash())))
                        .send();
                StoredSimulation chosen = node.database().stores().simulations().forProposal(p.id()).stream()
                        .filter(s -> s.reportHash().equals(p.reportHash()))
                        .findFirst()
                        .orElseThrow();
                assertThat(status.component1())
                        .isEqualToIgnoringCase(AnvilAccounts.credentials(4).getAddress());
                assertThat(status.component2()).isEqualTo(world.agentId());
                assertThat(status.component3().intValue())
                        .isEqualTo(ValidationScore.of(chosen.report(), chosen.passed()))
                        .isGreaterThan(50);
                assertThat(Hex.encode(status.component4())).isEqualTo(p.reportHash());
                assertThat(status.component5()).isEqualTo(ReputationFlow.SIMULATION_TAG);
                var registry =
                        ReputationRegistry.load(world.deployment().reputationRegistry(), world.web3j(), reader, gas);
                String reviewer = AnvilAccounts.credentials(5).getAddress();
                assertThat(registry.getLastIndex(world.agentId(), reviewer).send())
                        .isEqualTo(BigInteger.ONE);
                var stored = registry.readFeedback(world.agentId(), reviewer, BigInteger.ONE)
                        .send();
                assertThat(stored.component1())
                        .as("50 + improvement in points, 2 decimals")
                        .isGreaterThan(BigInteger.valueOf(5000));
                assertThat(stored.component3()).isEqualTo(ReputationMapping.DEFAULT_AREA);
                assertThat(stored.component4()).isEqualTo("metric.outcome");
                assertThat(anchoredHashes(world)).containsExactly(outcome.uid());

                // scores reflect the executed, improved, validated and positively reviewed proposal
                AgentProfile profile = node.reputation().profile(agentKey);
                assertThat(profile.total()).isPositive();
                AgentProfile.DomainScore score = profile.domains().stream()
                        .filter(d -> d.domain().equals(domain))
                        .findFirst()
                        .orElseThrow();
                assertThat(score.contributions())
                        .containsKeys("EXECUTED", "OUTCOME_IMPROVED", "ACCEPTED", "SUBMITTED", "VALIDATION_CONFIRMED");
                assertThat(score.contributions().get("OUTCOME_IMPROVED").points())
                        .isPositive();
                assertThat(score.feedback().count()).isEqualTo(1);
                assertThat(score.feedback().points()).isPositive();
                attestationFiles = archived.size();
            }

            // a restarted node re-observes the finished proposal: no second attestation, no second feedback
            try (ChaosChainNode node =
                    ChaosChainNode.start(config, (a, m) -> progress.add("restart " + a + ": " + m))) {
                runUntilIdle(world, node, progress);
                assertThat(node.attestations().readAll()).hasSize(attestationFiles);
                assertThat(anchoredHashes(world)).hasSize(1);
                assertThat(node.reputation().profile(agentKey).attestations()).isEqualTo(attestationFiles);
            }

            // wipe the reputation tables, rebuild from the attestation files and the chain's events: identical scores
            TimeProvider at = StubTimeProvider.startingAt(Instant.parse("2030-01-01T00:00:00Z"));
            Path dataDir = config.dataDir();
            AttestationArchive archive = new AttestationArchive(dataDir.resolve("attestations"));
            try (Database database = Database.open(dataDir);
                    var client = EvmChainClient.connect(
                            new ChainEndpoints("devnet", world.deployment().chainId(), List.of(world.rpcUrl())))) {
                ReputationService original =
                        new ReputationService(database.stores().reputation(), new InMemoryScoreCache(), at);
                original.rebuild();
                Snapshot before = Snapshot.of(original);
                assertThat(before.profiles()).containsKey(agentKey);

                wipeReputationTables(database);
                ReputationService wiped =
                        new ReputationService(database.stores().reputation(), new InMemoryScoreCache(), at);
                wiped.rebuild();
                assertThat(wiped.profile(agentKey).domains()).isEmpty();

                long head = client.blockNumber();
                var result = ReputationRebuild.rebuild(
                        archive,
                        client,
                        world.deployment().reputationRegistry(),
                        world.deployment().deployBlock(),
                        head,
                        new NodeReputation(archive, wiped, new ChainTime(at)),
                        at);
                assertThat(result).isEqualTo(new ReputationRebuild.Result(attestationFiles, 0, 1, 0));
                wiped.rebuild();
                assertThat(Snapshot.of(wiped)).isEqualTo(before);
            }
        }
    }

    /** Every agent's profile (scores per domain with their breakdown) and every leaderboard's ranking. */
    private record Snapshot(Map<String, AgentProfile> profiles, Object overall, Map<String, Object> boards) {
        static Snapshot of(ReputationService service) {
            Map<String, AgentProfile> profiles = new java.util.TreeMap<>();
            Map<String, Object> boards = new java.util.TreeMap<>();
            var overall = service.leaderboardUncached(null, 100);
            for (var entry : overall.entries()) {
                AgentProfile profile = service.profile(entry.agentId());
                profiles.put(entry.agentId(), profile);
                for (var d : profile.domains()) {
                    boards.put(
                            d.domain(),
                            service.leaderboardUncached(ReputationMapping.parseDomain(d.domain()), 100)
                                    .entries());
                }
            }
            return new Snapshot(profiles, overall.entries(), boards);
        }
    }

    private static void wipeReputationTables(Database database) throws Exception {
        try (var c = database.dataSource().getConnection();
                var st = c.createStatement()) {
            for (String table : List.of(
                    "reputation_score_history",
                    "reputation_scores",
                    "reputation_reviewers",
                    "reputation_feedback_revocations",
                    "reputation_feedback",
                    "reputation_attestations")) {
                st.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    /** The feedbackHash of every NewFeedback event of the reputation registry. */
    private static List<String> anchoredHashes(DemoWorld world) throws Exception {
        var filter = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                        BigInteger.valueOf(world.deployment().deployBlock())),
                DefaultBlockParameterName.LATEST,
                world.deployment().reputationRegistry());
        filter.addSingleTopic(FeedbackEvents.NEW_FEEDBACK_TOPIC);
        List<String> hashes = new ArrayList<>();
        for (var result : world.web3j().ethGetLogs(filter).send().getLogs()) {
            String data = ((org.web3j.protocol.core.methods.response.Log) result.get()).getData();
            hashes.add(FeedbackEvents.feedbackHash(data));
        }
        return hashes;
    }

    private static void runUntilIdle(DemoWorld world, ChaosChainNode node, List<String> progress) {
        DemoDriver.runUntilIdle(world, node, Duration.ofMinutes(4), () -> "progress:\n" + String.join("\n", progress));
        assertThat(node.isIdle())
                .as("lifecycle and reputation completed; progress:\n%s", String.join("\n", progress))
                .isTrue();
    }
}
