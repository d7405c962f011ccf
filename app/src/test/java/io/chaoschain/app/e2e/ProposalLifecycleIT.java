package io.chaoschain.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.app.demo.DemoWorld;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The whole lifecycle against a real Anvil devnet and a real node, asserted from the chain and from the database:
 * the proposal is executed, the parameter changed, and the target metric is better on the fork and then on the chain.
 */
class ProposalLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void shouldTakeAProposalFromDetectionToAMeasuredOutcome() throws Exception {
        List<String> progress = new ArrayList<>();
        try (DemoWorld world = DemoWorld.create(DemoWorld.Options.demo(dir.resolve("demo"), 7, 14), progress::add);
                ChaosChainNode node =
                        ChaosChainNode.start(ConfigLoader.load(world.config()), (a, m) -> progress.add(a + ": " + m))) {
            DemoDriver.runUntilIdle(
                    world, node, Duration.ofMinutes(4), () -> "progress:\n" + String.join("\n", progress));
            assertThat(node.isIdle())
                    .as("lifecycle completed; progress:\n%s", String.join("\n", progress))
                    .isTrue();

            // from the database
            List<StoredProposal> proposals =
                    node.database().stores().proposals().all();
            assertThat(proposals).hasSize(1);
            StoredProposal p = proposals.getFirst();
            assertThat(p.state()).isEqualTo(ProposalState.EXECUTED);
            assertThat(p.submitTxHash()).isNotNull();
            assertThat(p.queueTxHash()).isNotNull();
            assertThat(p.executeTxHash()).isNotNull();
            List<StoredSimulation> sims = node.database().stores().simulations().forProposal(p.id());
            StoredSimulation chosen = sims.stream()
                    .filter(s -> s.reportHash().equals(p.reportHash()))
                    .findFirst()
                    .orElseThrow();
            assertThat(chosen.passed()).isTrue();
            assertThat(chosen.report().metricsAfter().get("utilization"))
                    .as("target metric better on the fork")
                    .isLessThan(chosen.report().metricsBefore().get("utilization"));
            assertThat(p.outcome()).isNotNull();
            assertThat(p.outcome().improved())
                    .as("outcome: %s", p.outcome().summary())
                    .isTrue();
            assertThat(p.outcome().after().get("utilization"))
                    .as("target metric better on the chain")
                    .isLessThan(p.outcome().before().get("utilization"));
            var agent = node.database().stores().agents().find(p.agentId()).orElseThrow();
            assertThat(agent.proposalsSubmitted()).isEqualTo(1);
            assertThat(agent.proposalsExecuted()).isEqualTo(1);
            assertThat(agent.proposalsImproved()).isEqualTo(1);

            // from the chain
            var readOnly = new ReadonlyTransactionManager(
                    world.web3j(), world.deployment().timelock());
            var gas = new StaticGasProvider(BigInteger.ONE, BigInteger.valueOf(1_000_000));
            DaoGovernor governor = DaoGovernor.load(world.deployment().governor(), world.web3j(), readOnly, gas);
            assertThat(ProposalState.fromGovernor(
                            governor.state(p.onchainId()).send().intValue()))
                    .isEqualTo(ProposalState.EXECUTED);
            LendingMarket market = LendingMarket.load(world.deployment().market(), world.web3j(), readOnly, gas);
            BigInteger proposedJump = RateModelCalls.decodeSetRateModel(
                            p.draft().actions().getFirst().calldata())
                    .jumpMultiplierPerYear();
            assertThat(market.jumpMultiplierPerYear().send())
                    .isEqualTo(proposedJump)
                    .isNotEqualTo(world.settings().rateModel().jumpMultiplierPerYear());
            assertThat(market.kink().send())
                    .isEqualTo(world.settings().rateModel().kink());
        }
    }
}
