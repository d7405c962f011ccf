package io.chaoschain.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.chains.contracts.ValidationRegistry;
import io.chaoschain.core.Hex;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.cli.ChaosChainCommand;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.demo.DemoWorld;
import io.chaoschain.node.reputation.FeedbackEvents;
import io.chaoschain.node.reputation.MemoryReputationLedger;
import io.chaoschain.node.reputation.NodeReputation;
import io.chaoschain.node.reputation.ReputationFlow;
import io.chaoschain.node.reputation.ReputationRebuild;
import io.chaoschain.node.reputation.ValidationScore;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.node.store.StoredProposal;
import io.chaoschain.node.store.StoredSimulation;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.scoring.Domain;
import io.chaoschain.reputation.scoring.ReputationScores;
import io.chaoschain.reputation.scoring.ScoreExplanation;
import io.chaoschain.reputation.scoring.ScoreTerm;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private static final String AREA = "risk-parameters";

  @TempDir Path dir;

  @Test
  void shouldAttestAnchorScoreAndRebuildTheAgentsReputationExactly() throws Exception {
    List<String> progress = new ArrayList<>();
    try (DemoWorld world = DemoWorld.create(DemoWorld.Options.demo(dir.resolve("demo"), 7, 14), progress::add)) {
      var config = ConfigLoader.load(world.config());
      StoredProposal p;
      String agentKey = world.deployment().chainId() + ":" + world.agentId();
      Domain domain = Domain.of("eip155:" + world.deployment().chainId(), AREA);
      Map<String, OffchainAttestation> byKind;
      int attestationFiles;
      ReputationScores before;
      try (ChaosChainNode node = ChaosChainNode.start(config, (a, m) -> progress.add(a + ": " + m))) {
        runUntilIdle(world, node, progress);
        p = node.database().stores().proposals().all().getFirst();
        assertThat(p.state()).isEqualTo(ProposalState.EXECUTED);
        assertThat(p.outcome().improved()).isTrue();
        NodeReputation reputation = node.reputation();

        // attestations: one per step, each a verifiable file under the data dir
        List<OffchainAttestation> archived = reputation.archive().readAll();
        byKind = archived.stream().collect(Collectors.toMap(
            a -> ContributionRecord.decode(a.data()).kind().code(), Function.identity()));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("proposal.drafted", "proposal.simulated",
            "proposal.submitted", "validation.given", "proposal.accepted", "proposal.executed", "metric.outcome");
        AttestationVerifier verifier = new AttestationVerifier(TimeProvider.system());
        String operator = node.database().stores().agents().find(agentKey).orElseThrow().operator();
        for (OffchainAttestation a : archived) {
          assertThat(verifier.verify(a).valid()).as("attestation %s verifies", a.uid()).isTrue();
          ContributionRecord r = ContributionRecord.decode(a.data());
          assertThat(r.agentId()).isEqualTo(world.agentId());
          assertThat(r.subject()).isEqualTo(Hex.encode(org.web3j.utils.Numeric.toBytesPadded(p.onchainId(), 32)));
          String expectedSigner = r.kind() == ContributionKind.VALIDATION_GIVEN
              ? AnvilAccounts.credentials(4).getAddress() : operator;
          assertThat(a.signer()).isEqualToIgnoringCase(expectedSigner);
          Path file = reputation.archive().fileOf(a.uid());
          assertThat(ChaosChainCommand.execute("reputation", "verify", file.toString())).as("verify %s", file).isZero();
        }
        OffchainAttestation outcome = byKind.get("metric.outcome");
        assertThat(ContributionRecord.decode(outcome.data()).value()).isPositive();
        assertThat(ContributionRecord.decode(byKind.get("proposal.submitted").data()).evidenceHash())
            .isEqualTo(p.submitTxHash());

        // on chain: the validator's answer carries the report hash, the reviewer's feedback the outcome attestation UID
        var reader = new ReadonlyTransactionManager(world.web3j(), world.deployment().timelock());
        var gas = new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000));
        var validation = ValidationRegistry.load(world.deployment().validationRegistry(), world.web3j(), reader, gas);
        var status = validation.getValidationStatus(
            Hex.decode(ReputationFlow.validationRequestHash(p.onchainId(), p.reportHash()))).send();
        StoredSimulation chosen = node.database().stores().simulations().forProposal(p.id()).stream()
            .filter(s -> s.reportHash().equals(p.reportHash())).findFirst().orElseThrow();
        assertThat(status.component1()).isEqualToIgnoringCase(AnvilAccounts.credentials(4).getAddress());
        assertThat(status.component2()).isEqualTo(world.agentId());
        assertThat(status.component3().intValue()).isEqualTo(ValidationScore.of(chosen.report(), chosen.passed()))
            .isGreaterThan(50);
        assertThat(Hex.encode(status.component4())).isEqualTo(p.reportHash());
        assertThat(status.component5()).isEqualTo(ReputationFlow.SIMULATION_TAG);
        var feedback = ReputationRegistry.load(world.deployment().reputationRegistry(), world.web3j(), reader, gas);
        String reviewer = AnvilAccounts.credentials(5).getAddress();
        assertThat(feedback.getLastIndex(world.agentId(), reviewer).send()).isEqualTo(BigInteger.ONE);
        var stored = feedback.readFeedback(world.agentId(), reviewer, BigInteger.ONE).send();
        assertThat(stored.component1()).as("50 + improvement in points, 2 decimals").isGreaterThan(BigInteger.valueOf(5000));
        assertThat(stored.component3()).isEqualTo(AREA);
        assertThat(stored.component4()).isEqualTo("metric.outcome");
        var seen = reputation.ledger().feedback();
        assertThat(seen).singleElement().satisfies(f -> {
          assertThat(f.feedbackHash()).isEqualTo(outcome.uid());
          assertThat(f.client()).isEqualToIgnoringCase(reviewer);
        });

        // scores reflect the executed, improved, validated and positively reviewed proposal
        Instant asOf = latestBlockTime(world);
        before = reputation.scores(asOf);
        ScoreExplanation why = before.explain(agentKey, domain);
        assertThat(before.score(agentKey, domain)).isPositive().isEqualTo(why.sumOfTerms());
        assertThat(why.terms()).filteredOn(t -> t instanceof ScoreTerm.Contribution)
            .extracting(t -> ((ScoreTerm.Contribution) t).event().kind().name())
            .contains("EXECUTED", "OUTCOME_IMPROVED", "ACCEPTED", "SUBMITTED", "VALIDATION_CONFIRMED");
        assertThat(why.terms()).filteredOn(t -> t instanceof ScoreTerm.Feedback)
            .singleElement().satisfies(t -> assertThat(t.value()).isPositive());
        attestationFiles = archived.size();

        // wipe the reputation state and rebuild it from the attestation files and the chain's events
        MemoryReputationLedger ledger = reputation.ledger();
        Map<String, ScoreExplanation> explanations = explainAll(before, agentKey, domain);
        ledger.clear();
        assertThat(reputation.scores(asOf).agents()).isEmpty();
        long head = world.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        var result = ReputationRebuild.rebuild(reputation.archive(), clientOf(world), world.deployment().reputationRegistry(),
            world.deployment().deployBlock(), head, ledger, TimeProvider.system());
        assertThat(result).isEqualTo(new ReputationRebuild.Result(attestationFiles, 0, 1, 0));
        ReputationScores rebuilt = reputation.scores(asOf);
        assertThat(rebuilt.agents()).isEqualTo(before.agents());
        assertThat(rebuilt.domains()).isEqualTo(before.domains());
        for (String agent : before.agents()) {
          for (Domain d : before.domains()) {
            assertThat(rebuilt.score(agent, d)).isEqualTo(before.score(agent, d));
          }
        }
        assertThat(explainAll(rebuilt, agentKey, domain)).isEqualTo(explanations);
      }

      // a restarted node re-observes the finished proposal: no second attestation, no second feedback
      try (ChaosChainNode node = ChaosChainNode.start(config, (a, m) -> progress.add("restart " + a + ": " + m))) {
        runUntilIdle(world, node, progress);
        assertThat(node.reputation().archive().readAll()).hasSize(attestationFiles);
        var reader = new ReadonlyTransactionManager(world.web3j(), world.deployment().timelock());
        var feedback = ReputationRegistry.load(world.deployment().reputationRegistry(), world.web3j(), reader,
            new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000)));
        assertThat(feedback.getLastIndex(world.agentId(), AnvilAccounts.credentials(5).getAddress()).send())
            .isEqualTo(BigInteger.ONE);
        Instant asOf = latestBlockTime(world);
        assertThat(node.reputation().scores(asOf).explain(agentKey, domain).terms()).hasSameSizeAs(
            before.explain(agentKey, domain).terms());
      }
      assertThat(Files.list(dir.resolve("demo/node/attestations")).filter(f -> f.toString().endsWith(".json")).count())
          .isEqualTo(attestationFiles);
      assertThat(FeedbackEvents.NEW_FEEDBACK_TOPIC.toLowerCase(Locale.ROOT)).startsWith("0x");
    }
  }

  private static Map<String, ScoreExplanation> explainAll(ReputationScores scores, String agentKey, Domain domain) {
    Map<String, ScoreExplanation> out = new java.util.TreeMap<>();
    for (String agent : scores.agents()) {
      out.put(agent, scores.explain(agent));
      for (Domain d : scores.domains()) {
        out.put(agent + "@" + d, scores.explain(agent, d));
      }
    }
    assertThat(out).containsKey(agentKey + "@" + domain);
    return out;
  }

  private static io.chaoschain.chains.EvmChainClient clientOf(DemoWorld world) {
    return io.chaoschain.chains.EvmChainClient.connect(new io.chaoschain.chains.ChainEndpoints("devnet",
        world.deployment().chainId(), List.of(world.rpcUrl())));
  }

  private static Instant latestBlockTime(DemoWorld world) throws Exception {
    return Instant.ofEpochSecond(world.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
        .getBlock().getTimestamp().longValueExact());
  }

  private static void runUntilIdle(DemoWorld world, ChaosChainNode node, List<String> progress) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!node.isIdle() && System.nanoTime() < deadline) {
      for (StoredProposal p : node.database().stores().proposals().all()) {
        if (p.onchainId() != null && p.state() != ProposalState.SUBMITTING) {
          world.advance(p.onchainId(), p.state() == ProposalState.EXECUTED);
        }
      }
      Thread.sleep(200);
    }
    assertThat(node.isIdle()).as("lifecycle and reputation completed; progress:\n%s", String.join("\n", progress))
        .isTrue();
  }
}
