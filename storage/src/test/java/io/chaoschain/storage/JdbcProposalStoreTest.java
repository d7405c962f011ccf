package io.chaoschain.storage;

import static io.chaoschain.storage.Samples.CHAIN;
import static io.chaoschain.storage.Samples.GOVERNOR;
import static io.chaoschain.storage.Samples.ONCHAIN_ID;
import static io.chaoschain.storage.Samples.OPERATOR;
import static io.chaoschain.storage.Samples.draft;
import static io.chaoschain.storage.Samples.txHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.proposal.ProposalState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class JdbcProposalStoreTest extends StoreTestSupport {
    private static final String REPORT_HASH = "0x" + "5e".repeat(32);

    private ProposalStore proposals() {
        return stores.proposals();
    }

    private StoredProposal finalized(String title) {
        StoredProposal drafted = proposals().create(CHAIN, GOVERNOR, "agent-1", draft(title));
        return proposals().transition(drafted.id(), ProposalState.FINALIZED);
    }

    @Test
    void shouldReadBackADraftedProposalExactlyAsCreated() {
        StoredProposal created = proposals()
                .create(
                        CHAIN,
                        GOVERNOR.toUpperCase().replace("0X", "0x"),
                        "agent-1",
                        draft("Lower the jump multiplier"));

        assertThat(created.id()).isPositive();
        assertThat(created.state()).isEqualTo(ProposalState.DRAFTED);
        assertThat(created.governor()).isEqualTo(GOVERNOR);
        assertThat(created.onchainId()).isNull();
        assertThat(created.draft()).isEqualTo(draft("Lower the jump multiplier"));
        assertThat(created.createdAt()).isEqualTo(clock.now()).isEqualTo(created.updatedAt());
        assertThat(proposals().find(created.id())).contains(created);
    }

    @Test
    void shouldClaimTheOnchainIdOnlyOnce() {
        StoredProposal first = finalized("first");
        StoredProposal second = finalized("second, same calls");

        StoredProposal submitting = proposals().beginSubmission(first.id(), ONCHAIN_ID, REPORT_HASH);

        assertThat(submitting.state()).isEqualTo(ProposalState.SUBMITTING);
        assertThat(submitting.onchainId()).isEqualTo(ONCHAIN_ID);
        assertThat(submitting.reportHash()).isEqualTo(REPORT_HASH);
        assertThatThrownBy(() -> proposals().beginSubmission(second.id(), ONCHAIN_ID, REPORT_HASH))
                .isInstanceOf(DuplicateProposalException.class)
                .hasMessageContaining("already recorded as local proposal " + first.id())
                .satisfies(e -> assertThat(((DuplicateProposalException) e).existingId())
                        .isEqualTo(first.id()));
        assertThat(proposals().find(second.id()).orElseThrow().state()).isEqualTo(ProposalState.FINALIZED);
        assertThat(proposals().findByOnchainId(CHAIN, GOVERNOR, ONCHAIN_ID))
                .map(StoredProposal::id)
                .contains(first.id());
    }

    @Test
    void shouldLetTheDatabaseRejectADuplicateOnchainIdEvenWithoutTheStore() throws Exception {
        StoredProposal first = finalized("first");
        proposals().beginSubmission(first.id(), ONCHAIN_ID, REPORT_HASH);
        StoredProposal second = finalized("second");

        try (java.sql.Connection connection = db.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(
                            "UPDATE proposals SET onchain_id = '" + ONCHAIN_ID + "' WHERE id = " + second.id()))
                    .isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState())
                            .isEqualTo("23505"));
        }
    }

    @Test
    void shouldAllowTheSameOnchainIdOnAnotherGovernor() {
        StoredProposal first = finalized("first");
        proposals().beginSubmission(first.id(), ONCHAIN_ID, REPORT_HASH);
        StoredProposal other =
                proposals().create(CHAIN, "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "agent-1", draft("other dao"));
        proposals().transition(other.id(), ProposalState.FINALIZED);

        assertThat(proposals()
                        .beginSubmission(other.id(), ONCHAIN_ID, REPORT_HASH)
                        .onchainId())
                .isEqualTo(ONCHAIN_ID);
    }

    @Test
    void shouldRecordADetectedProposalOnceHoweverOftenItIsSeen() {
        StoredProposal first =
                proposals().recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("theirs"), ProposalState.ACTIVE);
        StoredProposal again =
                proposals().recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("theirs"), ProposalState.ACTIVE);

        assertThat(again).isEqualTo(first);
        assertThat(first.agentId()).isNull();
        assertThat(proposals().all()).hasSize(1);
    }

    @Test
    void shouldRejectMovingAnExecutedProposalBackToActive() {
        StoredProposal executed =
                proposals().recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("done"), ProposalState.EXECUTED);

        assertThatThrownBy(() -> proposals().transition(executed.id(), ProposalState.ACTIVE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("proposal " + executed.id() + " cannot move from EXECUTED to ACTIVE");
        assertThat(proposals().find(executed.id()).orElseThrow().state()).isEqualTo(ProposalState.EXECUTED);
    }

    @Test
    void shouldRejectSubmittingAProposalThatWasNotFinalized() {
        StoredProposal drafted = proposals().create(CHAIN, GOVERNOR, "agent-1", draft("not ready"));

        assertThatThrownBy(() -> proposals().beginSubmission(drafted.id(), ONCHAIN_ID, REPORT_HASH))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("proposal " + drafted.id() + " cannot move from DRAFTED to SUBMITTING");
        assertThat(proposals().find(drafted.id()).orElseThrow().onchainId()).isNull();
    }

    @Test
    void shouldTreatAMoveToTheCurrentStateAsANoOp() {
        StoredProposal active =
                proposals().recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("x"), ProposalState.ACTIVE);
        clock.advance(Duration.ofMinutes(5));

        StoredProposal same = proposals().transition(active.id(), ProposalState.ACTIVE);

        assertThat(same.updatedAt()).isEqualTo(active.updatedAt());
    }

    @Test
    void shouldFollowTheWholeLifecycleAndCreditTheAgentOnce() {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));
        StoredProposal proposal = finalized("Lower the jump multiplier");
        proposals().beginSubmission(proposal.id(), ONCHAIN_ID, REPORT_HASH);

        clock.advance(Duration.ofSeconds(12));
        StoredProposal pending = proposals().recordSubmitted(proposal.id(), txHash(1));
        proposals().transition(proposal.id(), ProposalState.ACTIVE);
        proposals().transition(proposal.id(), ProposalState.SUCCEEDED);
        Instant eta = Instant.parse("2026-03-02T12:00:00Z");
        StoredProposal queued = proposals().recordQueued(proposal.id(), txHash(2), eta);
        StoredProposal executed = proposals().recordExecuted(proposal.id(), txHash(3));
        // The monitor also sees the execution event; that must not count twice.
        proposals().transition(proposal.id(), ProposalState.EXECUTED);

        assertThat(pending.state()).isEqualTo(ProposalState.PENDING);
        assertThat(pending.submitTxHash()).isEqualTo(txHash(1));
        assertThat(pending.updatedAt()).isAfter(pending.createdAt());
        assertThat(queued.eta()).isEqualTo(eta);
        assertThat(queued.queueTxHash()).isEqualTo(txHash(2));
        assertThat(executed.state()).isEqualTo(ProposalState.EXECUTED);
        assertThat(executed.executeTxHash()).isEqualTo(txHash(3));
        AgentRecord agent = stores.agents().find("agent-1").orElseThrow();
        assertThat(agent.proposalsSubmitted()).isEqualTo(1);
        assertThat(agent.proposalsExecuted()).isEqualTo(1);
        assertThat(agent.proposalsImproved()).isZero();
    }

    @Test
    void shouldCountImprovedProposalsByTheirCurrentOutcome() {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));
        StoredProposal proposal = finalized("x");
        proposals().beginSubmission(proposal.id(), ONCHAIN_ID, REPORT_HASH);
        proposals().recordSubmitted(proposal.id(), txHash(1));
        proposals().recordExecuted(proposal.id(), txHash(3));
        ProposalOutcome improved = new ProposalOutcome(
                5000,
                Map.of("utilization", new BigDecimal("0.95")),
                Map.of("utilization", new BigDecimal("0.82")),
                true,
                "utilization back under the kink");

        StoredProposal withOutcome = proposals().recordOutcome(proposal.id(), improved);
        proposals().recordOutcome(proposal.id(), improved);
        assertThat(stores.agents().find("agent-1").orElseThrow().proposalsImproved())
                .isEqualTo(1);

        proposals()
                .recordOutcome(
                        proposal.id(),
                        new ProposalOutcome(6000, improved.before(), improved.before(), false, "drifted back"));
        assertThat(stores.agents().find("agent-1").orElseThrow().proposalsImproved())
                .isZero();
        assertThat(withOutcome.outcome()).isEqualTo(improved);
    }

    @Test
    void shouldRefuseAnOutcomeBeforeExecution() {
        StoredProposal proposal = finalized("x");

        assertThatThrownBy(() ->
                        proposals().recordOutcome(proposal.id(), new ProposalOutcome(1, Map.of(), Map.of(), true, "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FINALIZED");
    }

    @Test
    void shouldGoBackToFinalizedWhenTheSubmissionFailedAndKeepTheClaim() {
        StoredProposal proposal = finalized("x");
        proposals().beginSubmission(proposal.id(), ONCHAIN_ID, REPORT_HASH);

        StoredProposal retry = proposals().transition(proposal.id(), ProposalState.FINALIZED);
        StoredProposal again = proposals().beginSubmission(proposal.id(), ONCHAIN_ID, REPORT_HASH);

        assertThat(retry.onchainId()).isEqualTo(ONCHAIN_ID);
        assertThat(again.state()).isEqualTo(ProposalState.SUBMITTING);
    }

    @Test
    void shouldListByStateAgentAndCountByState() {
        StoredProposal a = proposals().create(CHAIN, GOVERNOR, "agent-1", draft("a"));
        StoredProposal b = finalized("b");
        StoredProposal c = proposals().create(CHAIN, GOVERNOR, "agent-2", draft("c"));

        assertThat(proposals().all()).extracting(StoredProposal::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(proposals().inStates(EnumSet.of(ProposalState.DRAFTED)))
                .extracting(StoredProposal::id)
                .containsExactly(c.id(), a.id());
        assertThat(proposals().byAgent("agent-2"))
                .extracting(StoredProposal::id)
                .containsExactly(c.id());
        assertThat(proposals().countByState())
                .containsExactlyInAnyOrderEntriesOf(Map.of(ProposalState.DRAFTED, 2L, ProposalState.FINALIZED, 1L));
    }

    @Test
    void shouldKeepProposalsAcrossARestart() {
        StoredProposal proposal = finalized("survives");
        proposals().beginSubmission(proposal.id(), ONCHAIN_ID, REPORT_HASH);
        StoredProposal before = proposals().find(proposal.id()).orElseThrow();

        restart();

        assertThat(proposals().find(proposal.id())).contains(before);
        StoredProposal another = finalized("after restart");
        assertThatThrownBy(() -> proposals().beginSubmission(another.id(), ONCHAIN_ID, REPORT_HASH))
                .isInstanceOf(DuplicateProposalException.class);
    }

    @Test
    void shouldNameTheMissingProposal() {
        assertThatThrownBy(() -> proposals().transition(404, ProposalState.FINALIZED))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no proposal with id 404");
        assertThat(proposals().find(404)).isEmpty();
    }

    @Test
    void shouldRejectAnOnchainIdOutsideUint256() {
        StoredProposal proposal = finalized("x");

        assertThatThrownBy(() -> proposals().beginSubmission(proposal.id(), BigInteger.ONE.shiftLeft(256), REPORT_HASH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onchainId must be a uint256");
    }
}
