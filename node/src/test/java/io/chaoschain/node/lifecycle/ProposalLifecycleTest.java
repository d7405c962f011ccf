package io.chaoschain.node.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.GovernanceAgent;
import io.chaoschain.agent.RateModelAnalyst;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.simulation.ProposalSimulator;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.storage.Database;
import io.chaoschain.storage.StoredProposal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle's decisions against an in-memory Governor and market and a real database: what it sends, what it
 * refuses to send again, and what it records.
 */
class ProposalLifecycleTest {
    static final String MARKET = "0x00000000000000000000000000000000000000aa";
    static final String TIMELOCK = "0x00000000000000000000000000000000000000bb";
    static final String KEY = "31337:1";
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final RateModel MODEL = new RateModel(
            E16.multiply(BigInteger.TWO),
            E16.multiply(BigInteger.TEN),
            E16.multiply(BigInteger.valueOf(25)),
            E16.multiply(BigInteger.valueOf(80)),
            E16.multiply(BigInteger.TEN));

    @TempDir
    Path dir;

    Database db;
    final FakeGovernance governance = new FakeGovernance();
    final List<String> progress = new ArrayList<>();
    /** Utilization the fake market reports for a block: stressed before execution, relieved after. */
    long relievedFrom = Long.MAX_VALUE;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    final MarketMetrics market = new MarketMetrics() {
        @Override
        public RateModel rateModel() {
            return MODEL;
        }

        @Override
        public MarketSnapshot snapshot(long block, long previousBlock) {
            BigDecimal u = new BigDecimal(block >= relievedFrom ? "0.86" : "0.97");
            return new MarketSnapshot(
                    MARKET,
                    block,
                    Instant.ofEpochSecond(block * 12),
                    u,
                    new BigDecimal("0.14"),
                    new BigDecimal("0.12"),
                    BigDecimal.TEN,
                    BigDecimal.ONE,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO);
        }

        @Override
        public long headBlock() {
            return governance.head;
        }

        @Override
        public long firstBlockWithCode(long from, long to) {
            return from;
        }
    };

    /** Every candidate passes: projected utilization falls to 0.85 and nothing else changes. */
    final ProposalSimulator simulator = requests -> requests.stream()
            .map(r -> new SimulationReport(
                    r.replayToBlock(),
                    31337,
                    List.of(new SimulationReport.ActionOutcome(
                            MARKET, RateModelCalls.SET_RATE_MODEL_SELECTOR, true, "", 1, "0x")),
                    new SimulationReport.ReplayOutcome(10, 0, Map.of()),
                    new SimulationReport.ReplayOutcome(10, 3, Map.of("BorrowRateAboveLimit", 3)),
                    Map.of(
                            "utilization",
                            new BigDecimal("0.97"),
                            "borrowApr",
                            new BigDecimal("0.14"),
                            "supplyApr",
                            new BigDecimal("0.12")),
                    Map.of(
                            "utilization",
                            new BigDecimal("0.85"),
                            "borrowApr",
                            new BigDecimal("0.2"),
                            "supplyApr",
                            new BigDecimal("0.15")),
                    List.of(),
                    "0x" + "11".repeat(32)))
            .toList();

    ProposalLifecycle lifecycle() {
        return lifecycle(MilestoneListener.NONE, io.chaoschain.agent.insight.PriorAdvisor.NONE);
    }

    ProposalLifecycle lifecycle(MilestoneListener milestones, io.chaoschain.agent.insight.PriorAdvisor advisor) {
        PolicyGuard policy = new PolicyGuard(
                new AgentPolicy(Map.of(MARKET, Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));
        GovernanceAgent agent = new GovernanceAgent(
                "analyst", new RateModelAnalyst(AnalystSettings.defaults()), simulator, policy, m -> {});
        var binding = new ProposalLifecycle.Binding(
                "devnet",
                KEY,
                BigInteger.ONE,
                "analyst",
                "0x00000000000000000000000000000000000000cc",
                null,
                "0x00000000000000000000000000000000000000dd",
                MARKET,
                TIMELOCK,
                () -> "http://127.0.0.1:1",
                0,
                100,
                5,
                Duration.ofMillis(10));
        ProposalLifecycle l = new ProposalLifecycle(
                binding,
                agent,
                advisor,
                new ProposalLifecycle.Ports(governance, market, db.stores(), db::inTransaction),
                new Listeners((a, m) -> progress.add(m), milestones));
        l.register(); // no loop thread: every test drives tick() itself
        return l;
    }

    StoredProposal only() {
        List<StoredProposal> all = db.stores().proposals().all();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @Test
    void shouldCarryAProposalFromDecisionToAMeasuredOutcome() throws Exception {
        ProposalLifecycle l = lifecycle();
        governance.head = 60;
        l.tick();
        StoredProposal p = only();
        assertThat(p.state()).isEqualTo(ProposalState.PENDING);
        assertThat(governance.submits).isEqualTo(1);
        assertThat(db.stores().simulations().forProposal(p.id())).isNotEmpty();

        governance.states.put(p.onchainId(), ProposalState.SUCCEEDED);
        l.tick();
        assertThat(only().state()).isEqualTo(ProposalState.QUEUED);
        l.tick();
        assertThat(governance.executes).as("not before the eta").isZero();

        governance.now = Instant.ofEpochSecond(2_000_000);
        governance.head = 70;
        relievedFrom = 71;
        l.tick();
        assertThat(only().state()).isEqualTo(ProposalState.EXECUTED);
        for (long head = 71; head <= 80; head++) {
            governance.head = head;
            l.tick();
        }
        p = only();
        assertThat(p.outcome()).isNotNull();
        assertThat(p.outcome().improved()).isTrue();
        assertThat(governance.submits).isEqualTo(1);
        assertThat(governance.queues).isEqualTo(1);
        assertThat(governance.executes).isEqualTo(1);
        assertThat(db.stores().agents().find(KEY).orElseThrow().proposalsImproved())
                .isEqualTo(1);
    }

    @Test
    void shouldConsultTheAdvisorAndReportTheFinalizedDecisionAndTheMeasuredOutcome() throws Exception {
        List<String> milestones = new ArrayList<>();
        MilestoneListener listener = milestone -> {
            switch (milestone) {
                case ProposalMilestone.Finalized f ->
                    milestones.add("finalized #" + f.proposal().id() + " prior "
                            + (f.decision().prior() == null
                                    ? "none"
                                    : f.decision().prior().insight().id()) + " state "
                            + f.proposal().state());
                case ProposalMilestone.OutcomeRecorded o ->
                    milestones.add("outcome #" + o.proposal().id() + " improved "
                            + o.proposal().outcome().improved());
                default -> {}
            }
        };
        List<String> consulted = new ArrayList<>();
        var insight = new io.chaoschain.agent.insight.SharedInsight(
                "0xfeed",
                1,
                "0x00000000000000000000000000000000000000ee",
                MARKET,
                RateModelCalls.SET_RATE_MODEL,
                RateModelCalls.SET_RATE_MODEL_SELECTOR,
                "jumpMultiplierPerYear",
                E16.multiply(BigInteger.valueOf(100)),
                E16.multiply(BigInteger.valueOf(300)),
                "utilization-above-kink",
                new BigDecimal("0.95"),
                new BigDecimal("0.85"),
                "0xr",
                "1",
                "0xt",
                "raised the jump multiplier");
        ProposalLifecycle l = lifecycle(listener, (target, opportunity) -> {
            consulted.add(target.chain() + " " + opportunity.kind());
            return java.util.Optional.of(new io.chaoschain.agent.insight.AdaptationPrior(
                    insight,
                    new io.chaoschain.agent.insight.RelevanceDecision("0xfeed", 1, 0.8, 0.9, 0.5, true, List.of()),
                    "jumpMultiplierPerYear",
                    insight.ratio()));
        });
        governance.head = 60;
        l.tick();
        StoredProposal p = only();
        assertThat(consulted).containsExactly("devnet utilization-above-kink");
        assertThat(milestones).containsExactly("finalized #" + p.id() + " prior 0xfeed state FINALIZED");
        assertThat(db.stores().simulations().forProposal(p.id()).getFirst().candidate())
                .as("the search starts at the insight's ratio")
                .isEqualTo("jumpMultiplierPerYear=" + E16.multiply(BigInteger.valueOf(75)));

        governance.states.put(p.onchainId(), ProposalState.SUCCEEDED);
        l.tick();
        governance.now = Instant.ofEpochSecond(2_000_000);
        governance.head = 70;
        relievedFrom = 71;
        l.tick();
        for (long head = 71; head <= 80; head++) {
            governance.head = head;
            l.tick();
        }
        assertThat(milestones)
                .containsExactly(
                        "finalized #" + p.id() + " prior 0xfeed state FINALIZED",
                        "outcome #" + p.id() + " improved true");
    }

    @Test
    void shouldNotSubmitAgainWhenTheSubmissionWasMinedBeforeACrash() throws Exception {
        ProposalLifecycle first = lifecycle();
        governance.head = 60;
        first.tick();
        StoredProposal p = only();
        // simulate a crash after the transaction was mined but before the node recorded it: the DB row says SUBMITTING
        db.close();
        Path data = dir.resolve("data2");
        db = Database.open(data);
        db.stores()
                .agents()
                .register(new io.chaoschain.storage.AgentRegistration(
                        KEY, "devnet", "analyst", "0x00000000000000000000000000000000000000cc", null));
        StoredProposal copy =
                db.stores().proposals().create("devnet", "0x00000000000000000000000000000000000000dd", KEY, p.draft());
        db.stores().proposals().transition(copy.id(), ProposalState.FINALIZED);
        db.stores().proposals().beginSubmission(copy.id(), p.onchainId(), p.reportHash());

        lifecycle().tick();

        StoredProposal resumed = only();
        assertThat(governance.submits).as("no second submission").isEqualTo(1);
        assertThat(resumed.state()).isEqualTo(ProposalState.PENDING);
        assertThat(resumed.submitTxHash()).isEqualTo(governance.submissionTxs.get(p.onchainId()));
    }

    @Test
    void shouldHoldAFinalizedProposalWhileTheAgentIsPaused() throws Exception {
        ProposalLifecycle l = lifecycle();
        StoredProposal created = db.stores()
                .proposals()
                .create(
                        "devnet",
                        "0x00000000000000000000000000000000000000dd",
                        KEY,
                        new io.chaoschain.core.proposal.ProposalDraft(
                                "t", "d", List.of(RateModelCalls.setRateModel(MARKET, MODEL)), null));
        db.stores().proposals().transition(created.id(), ProposalState.FINALIZED);
        db.stores().agents().setPaused(KEY, true);
        governance.head = 60;

        l.tick();
        assertThat(governance.submits).isZero();
        assertThat(only().state()).isEqualTo(ProposalState.FINALIZED);

        db.stores().agents().setPaused(KEY, false);
        l.tick();
        assertThat(governance.submits).isEqualTo(1);
        assertThat(only().state()).isEqualTo(ProposalState.PENDING);
    }

    @Test
    void shouldRecordTheOutcomeOfAProposalSomeoneElseQueuedAndExecuted() throws Exception {
        ProposalLifecycle l = lifecycle();
        governance.head = 60;
        l.tick();
        BigInteger id = only().onchainId();

        governance.states.put(id, ProposalState.EXECUTED); // a keeper did it while we were not looking
        governance.executedAt.put(id, 62L);
        relievedFrom = 63;
        for (long head = 61; head <= 75; head++) {
            governance.head = head;
            l.tick();
        }

        StoredProposal p = only();
        assertThat(p.state()).isEqualTo(ProposalState.EXECUTED);
        assertThat(p.executeTxHash()).isNull();
        assertThat(p.outcome()).isNotNull();
        assertThat(p.outcome().improved()).isTrue();
        assertThat(governance.queues).isZero();
        assertThat(governance.executes).isZero();
    }
}
