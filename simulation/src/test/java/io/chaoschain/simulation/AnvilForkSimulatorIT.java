package io.chaoschain.simulation;

import static io.chaoschain.simulation.LendingFixture.BASE;
import static io.chaoschain.simulation.LendingFixture.JUMP;
import static io.chaoschain.simulation.LendingFixture.KINK;
import static io.chaoschain.simulation.LendingFixture.MULTIPLIER;
import static io.chaoschain.simulation.LendingFixture.pct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.simulation.MetricProbe;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationReport.StateChange;
import io.chaoschain.core.simulation.SimulationRequest;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.internal.SimulationRpc;
import io.chaoschain.simulation.internal.TrafficWindow;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

@WithDevnet
class AnvilForkSimulatorIT {
    private static final BigInteger STEEP_JUMP = pct(1_000);
    private static LendingFixture chain;
    private static AnvilForkSimulator simulator;
    private static SimulationReport steepReport;

    @BeforeAll
    static void deployMarketAndGenerateTraffic(Devnet devnet) throws Exception {
        chain = new LendingFixture(devnet);
        simulator = new AnvilForkSimulator();
    }

    private static SimulationRequest request(String executor, ProposalAction... actions) {
        return new SimulationRequest(
                chain.rpcUrl(),
                executor,
                List.of(actions),
                chain.windowFrom,
                chain.windowTo,
                List.of(chain.marketAddress()),
                chain.probes());
    }

    private static SimulationRequest rateModel(BigInteger jump) {
        return request(chain.owner, chain.setRateModel(BASE, MULTIPLIER, jump, KINK));
    }

    private static synchronized SimulationReport steepReport() {
        if (steepReport == null) {
            steepReport = simulator.simulate(rateModel(STEEP_JUMP));
        }
        return steepReport;
    }

    @Test
    void shouldPushRateSensitiveBorrowersAwayUnderASteeperJumpMultiplier() throws Exception {
        SimulationReport report = steepReport();

        assertThat(report.allActionsSucceeded()).isTrue();
        assertThat(report.actions().getFirst().gasUsed()).isPositive();
        assertThat(report.actions().getFirst().txHash()).matches("0x[0-9a-f]{64}");
        assertThat(report.forkBlock()).isEqualTo(chain.windowTo);
        assertThat(report.chainId()).isEqualTo(31337);
        assertThat(report.baseline().transactions()).isEqualTo(chain.windowMarketTxs);
        assertThat(report.baseline().reverted()).isZero();
        assertThat(report.withProposal().revertReasons()).containsKey("BorrowRateAboveLimit");
        assertThat(report.withProposal().reverted())
                .isEqualTo(report.withProposal().revertReasons().get("BorrowRateAboveLimit"));
        assertThat(report.metricsAfter().get("utilization"))
                .isLessThan(report.metricsBefore().get("utilization"));
        assertThat(report.metricsBefore().get("utilization")).isGreaterThan(new BigDecimal("0.85"));

        String jumpSlot = slotOf("LendingMarket", "jumpMultiplierPerYear");
        assertThat(report.stateChanges())
                .contains(new StateChange(chain.marketAddress(), jumpSlot, word(JUMP), word(STEEP_JUMP)));
        assertThat(report.reportHash()).isEqualTo(AnvilForkSimulator.reportHash(report));
        // the same safety checks as `chaoschain simulate`, their report's hash inside the attested hash
        assertThat(report.safety().checks())
                .extracting(SimulationReport.Check::id)
                .contains("execution", "state-changes", "no-delegatecall");
        // the fixture's market is owned by a plain account, which C3 may flag (no timelock delay); nothing else may
        // fail
        assertThat(report.safety().checks())
                .filteredOn(c -> c.status().equals("fail"))
                .as("failed safety checks")
                .extracting(SimulationReport.Check::id)
                .isSubsetOf("C3");
        assertThat(report.safety().reportHash()).matches("0x[0-9a-f]{64}");
        assertThat(AnvilForkSimulator.canonicalJson(report))
                .contains(report.safety().reportHash());
    }

    @Test
    void shouldReportRevertingActionsWithDecodedReasonsAndDiscardTheirEffects() {
        List<SimulationReport> reports = simulator.simulateAll(List.of(
                request(chain.owner, chain.setRateModel(BASE, MULTIPLIER, STEEP_JUMP, BigInteger.ZERO)),
                request(chain.nonOwner, chain.setRateModel(BASE, MULTIPLIER, STEEP_JUMP, KINK))));

        SimulationReport.ActionOutcome zeroKink = reports.get(0).actions().getFirst();
        assertThat(zeroKink.success()).isFalse();
        assertThat(zeroKink.revertReason()).isEqualTo("InvalidParameter(\"kink\", 0)");
        assertThat(zeroKink.txHash()).isNotNull();
        SimulationReport.ActionOutcome notOwner = reports.get(1).actions().getFirst();
        assertThat(notOwner.success()).isFalse();
        assertThat(notOwner.revertReason())
                .isEqualTo("OwnableUnauthorizedAccount(" + chain.nonOwner.toLowerCase() + ")");
        for (SimulationReport report : reports) {
            // the proposal reverts as a whole, so the traffic meets the unchanged market
            assertThat(report.allActionsSucceeded()).isFalse();
            assertThat(report.safetyFailed()).isTrue();
            assertThat(report.stateChanges()).isEmpty();
            assertThat(report.withProposal()).isEqualTo(report.baseline());
            assertThat(report.metricsAfter()).isEqualTo(report.metricsBefore());
        }
    }

    @Test
    void shouldLeaveTheOriginChainUntouched() throws Exception {
        long blockBefore = chain.blockNumber();
        BigInteger jumpBefore = chain.market.jumpMultiplierPerYear().send();
        BigInteger utilizationBefore = chain.market.utilization().send();
        BigInteger ownerNonceBefore = nonce(chain.owner);

        SimulationReport report = simulator.simulate(rateModel(pct(700)));

        assertThat(report.allActionsSucceeded()).isTrue();
        assertThat(chain.blockNumber()).isEqualTo(blockBefore);
        assertThat(chain.market.jumpMultiplierPerYear().send()).isEqualTo(jumpBefore);
        assertThat(chain.market.utilization().send()).isEqualTo(utilizationBefore);
        assertThat(nonce(chain.owner)).isEqualTo(ownerNonceBefore);
    }

    @Test
    void shouldSimulateEveryCandidateOfASweepFromTheSameBaseline() {
        SimulationRequest unchanged = rateModel(JUMP);
        SimulationRequest steeper = rateModel(pct(500));
        SimulationRequest steepest = rateModel(STEEP_JUMP);

        List<SimulationReport> sweep = simulator.simulateAll(List.of(unchanged, steeper, steepest));

        assertThat(sweep).hasSize(3);
        assertThat(sweep)
                .extracting(SimulationReport::baseline)
                .containsOnly(sweep.getFirst().baseline());
        assertThat(sweep)
                .extracting(SimulationReport::metricsBefore)
                .containsOnly(sweep.getFirst().metricsBefore());
        assertThat(sweep).extracting(r -> r.withProposal().reverted()).containsExactly(0, 1, 2);
        assertThat(sweep.get(2).metricsAfter().get("utilization"))
                .isLessThan(sweep.get(1).metricsAfter().get("utilization"));
        assertThat(sweep.get(1).metricsAfter().get("utilization"))
                .isLessThan(sweep.get(0).metricsAfter().get("utilization"));
        // each candidate starts from the fork's state, not from where the previous one left it
        assertThat(sweep.get(2)).isEqualTo(steepReport());
    }

    @Test
    void shouldGiveTheSameReportsOnParallelForksAsOnOneFork() {
        List<SimulationRequest> sweep = List.of(rateModel(JUMP), rateModel(pct(500)), rateModel(STEEP_JUMP));

        List<SimulationReport> oneFork = withForks(1).simulateAll(sweep);
        // three candidates on two forks: the first fork runs two of them, the second one
        List<SimulationReport> twoForks = withForks(2).simulateAll(sweep);

        assertThat(twoForks)
                .extracting(SimulationReport::reportHash)
                .containsExactlyElementsOf(
                        oneFork.stream().map(SimulationReport::reportHash).toList())
                .doesNotHaveDuplicates();
        assertThat(twoForks).containsExactlyElementsOf(oneFork);
        assertThat(twoForks.get(2)).isEqualTo(steepReport());
    }

    @Test
    void shouldFailTheSweepClearlyAndStopEveryForkWhenAForkFails() {
        MetricProbe broken = new MetricProbe("broken", chain.marketAddress(), "0xdeadbeef", 18);
        SimulationRequest unreadable = new SimulationRequest(
                chain.rpcUrl(),
                chain.owner,
                List.of(chain.setRateModel(BASE, MULTIPLIER, JUMP, KINK)),
                chain.windowFrom,
                chain.windowTo,
                List.of(chain.marketAddress()),
                List.of(broken));
        long anvilsBefore = anvilProcesses();

        assertThatThrownBy(() -> withForks(3).simulateAll(List.of(rateModel(JUMP), rateModel(pct(500)), unreadable)))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("metric probe 'broken' failed on the fork");
        assertThat(anvilProcesses()).isEqualTo(anvilsBefore);
    }

    private static AnvilForkSimulator withForks(int forks) {
        return new AnvilForkSimulator(CheckRegistry.discover(), CheckSettings.defaults(), forks);
    }

    /** Anvil processes this JVM started and that still run (the fixture's devnet among them). */
    private static long anvilProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("anvil")).orElse(false))
                .count();
    }

    @Test
    void shouldProduceAStableReportHashThatAnyoneCanRecompute() throws Exception {
        SimulationReport again = simulator.simulate(rateModel(STEEP_JUMP));

        assertThat(again.reportHash()).isEqualTo(steepReport().reportHash());
        assertThat(again).isEqualTo(steepReport());
        String independent = independentCanonicalJson(again);
        assertThat(AnvilForkSimulator.canonicalJson(again)).isEqualTo(independent);
        assertThat(again.reportHash()).isEqualTo(Hash.sha3String(independent));
    }

    @Test
    void shouldRefuseAReplayWindowBeyondTheChainHead() throws Exception {
        long head = chain.blockNumber();
        SimulationRequest request = new SimulationRequest(
                chain.rpcUrl(),
                chain.owner,
                List.of(chain.setRateModel(BASE, MULTIPLIER, JUMP, KINK)),
                head,
                head + 10,
                List.of(),
                chain.probes());

        assertThatThrownBy(() -> simulator.simulate(request))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("ends at block " + (head + 10))
                .hasMessageContaining("only at block " + head);
    }

    @Test
    void shouldReplayTheWindowAsTheNextOneKeepingItsBlockSpacing() throws Exception {
        TrafficWindow window;
        try (EvmChainClient origin = SimulationRpc.connect("origin", chain.rpcUrl())) {
            window = TrafficWindow.load(
                    origin, chain.windowFrom, chain.windowTo, chain.blockNumber(), Set.of(chain.marketAddress()));
        }

        long forkTime = timestamp(chain.windowTo);
        long timeBeforeWindow = timestamp(chain.windowFrom - 1);
        assertThat(window.forkBlock()).isEqualTo(chain.windowTo);
        assertThat(window.forkTimestamp()).isEqualTo(forkTime);
        assertThat(window.transactions())
                .hasSize(chain.windowMarketTxs)
                .allSatisfy(tx -> assertThat(tx.to()).isEqualTo(chain.marketAddress()));
        for (TrafficWindow.ReplayTx tx : window.transactions()) {
            assertThat(tx.timestamp()).isEqualTo(forkTime + 1 + timestamp(tx.originBlock()) - timeBeforeWindow);
        }
        // each borrower's deposit and borrow share an origin block, and so a replayed block
        assertThat(window.transactions().stream()
                        .map(TrafficWindow.ReplayTx::originBlock)
                        .distinct())
                .hasSize(8);
    }

    private static long timestamp(long block) throws Exception {
        return chain.web3j
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    private static BigInteger nonce(String account) throws Exception {
        return chain.web3j
                .ethGetTransactionCount(account, DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount();
    }

    private static String word(BigInteger value) {
        return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
    }

    /** The slot of a state variable, from the compiler's storage layout shipped in combined.json. */
    private static String slotOf(String contract, String variable) throws Exception {
        try (InputStream in = AnvilForkSimulatorIT.class
                .getClassLoader()
                .getResourceAsStream("io/chaoschain/chains/contracts/combined.json")) {
            JsonNode layout = new ObjectMapper()
                    .readTree(in)
                    .path(contract)
                    .path("storageLayout")
                    .path("storage");
            for (JsonNode entry : layout) {
                if (entry.path("label").asText().equals(variable)) {
                    return word(new BigInteger(entry.path("slot").asText()));
                }
            }
        }
        throw new AssertionError(variable + " not in the storage layout of " + contract);
    }

    /** The canonical form built with Jackson: the report as a tree, hash dropped, decimals as strings, keys sorted. */
    private static String independentCanonicalJson(SimulationReport report) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = mapper.valueToTree(report);
        tree.remove("reportHash");
        for (String metrics : List.of("metricsBefore", "metricsAfter")) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, BigDecimal> e :
                    (metrics.equals("metricsBefore") ? report.metricsBefore() : report.metricsAfter()).entrySet()) {
                BigDecimal v = e.getValue();
                node.set(
                        e.getKey(),
                        new TextNode(
                                v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString()));
            }
            tree.set(metrics, node);
        }
        return mapper.writeValueAsString(sorted(tree));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
