package io.chaoschain.storage;

import static io.chaoschain.storage.Samples.CHAIN;
import static io.chaoschain.storage.Samples.GOVERNOR;
import static io.chaoschain.storage.Samples.ONCHAIN_ID;
import static io.chaoschain.storage.Samples.OPERATOR;
import static io.chaoschain.storage.Samples.draft;
import static io.chaoschain.storage.Samples.txHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.events.Checkpoint;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcVoteAndAgentStoreTest extends StoreTestSupport {
    private static final String ALICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String BOB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final BigInteger WHALE = new BigInteger("1000000000000000000000000000000");

    @Test
    void shouldRecordEachVoterOnceAndTallyByWeight() {
        long proposal = stores.proposals()
                .recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("x"), ProposalState.ACTIVE)
                .id();
        VoteRecord alice = new VoteRecord(proposal, ALICE, VoteSupport.FOR, WHALE, txHash(1), 10);
        VoteRecord bob = new VoteRecord(proposal, BOB, VoteSupport.AGAINST, BigInteger.TEN, txHash(2), 11);

        assertThat(stores.votes().record(alice)).isTrue();
        assertThat(stores.votes().record(bob)).isTrue();
        assertThat(stores.votes().record(alice)).isFalse();

        assertThat(stores.votes().forProposal(proposal)).containsExactly(alice, bob);
        assertThat(stores.votes().tally(proposal)).isEqualTo(new VoteTally(WHALE, BigInteger.TEN, BigInteger.ZERO, 2));
        assertThat(stores.votes().tally(proposal + 1)).isEqualTo(VoteTally.EMPTY);
    }

    @Test
    void shouldForgetVotesFromReorganizedBlocksOnlyForThatGovernor() {
        long proposal = stores.proposals()
                .recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("x"), ProposalState.ACTIVE)
                .id();
        long elsewhere = stores.proposals()
                .recordDetected("another-chain", GOVERNOR, ONCHAIN_ID, draft("y"), ProposalState.ACTIVE)
                .id();
        VoteRecord early = new VoteRecord(proposal, ALICE, VoteSupport.FOR, WHALE, txHash(1), 10);
        VoteRecord orphaned = new VoteRecord(proposal, BOB, VoteSupport.AGAINST, BigInteger.TEN, txHash(2), 12);
        VoteRecord otherChain = new VoteRecord(elsewhere, BOB, VoteSupport.FOR, BigInteger.TEN, txHash(3), 12);
        stores.votes().record(early);
        stores.votes().record(orphaned);
        stores.votes().record(otherChain);

        assertThat(stores.votes().forgetFrom(CHAIN, GOVERNOR, 11)).isEqualTo(1);

        assertThat(stores.votes().forProposal(proposal)).containsExactly(early);
        assertThat(stores.votes().forProposal(elsewhere)).containsExactly(otherChain);
        assertThat(stores.votes().record(orphaned))
                .as("re-delivered from the new chain")
                .isTrue();
    }

    @Test
    void shouldReturnOnlyTheNewestProposalOfAnAgent() {
        assertThat(stores.proposals().latestByAgent("agent-1")).isEmpty();
        stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft("first"));
        StoredProposal second = stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft("second"));
        stores.proposals().create(CHAIN, GOVERNOR, "agent-2", draft("other agent"));

        assertThat(stores.proposals().latestByAgent("agent-1"))
                .map(StoredProposal::id)
                .contains(second.id());
    }

    @Test
    void shouldRejectAVoteOnAnUnknownProposal() {
        assertThatThrownBy(() ->
                        stores.votes().record(new VoteRecord(9, ALICE, VoteSupport.FOR, BigInteger.ONE, txHash(1), 1)))
                .hasMessage("no proposal with id 9");
    }

    @Test
    void shouldKeepCountersAndPauseWhenAnAgentRegistersAgain() {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));
        stores.agents().setPaused("agent-1", true);
        StoredProposal proposal = stores.proposals().create(CHAIN, GOVERNOR, "agent-1", draft("x"));
        stores.proposals().transition(proposal.id(), ProposalState.FINALIZED);
        stores.proposals().beginSubmission(proposal.id(), ONCHAIN_ID, "0x" + "11".repeat(32));
        stores.proposals().recordSubmitted(proposal.id(), txHash(1));
        clock.advance(Duration.ofHours(1));

        AgentRecord again =
                stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner v2", OPERATOR, GOVERNOR));

        assertThat(again.name()).isEqualTo("Rate Tuner v2");
        assertThat(again.registry()).isEqualTo(GOVERNOR);
        assertThat(again.paused()).isTrue();
        assertThat(again.proposalsSubmitted()).isEqualTo(1);
        assertThat(again.updatedAt()).isEqualTo(clock.now());
    }

    @Test
    void shouldPauseAndResumeAnAgent() {
        stores.agents().register(new AgentRegistration("agent-1", CHAIN, "Rate Tuner", OPERATOR, null));

        assertThat(stores.agents().setPaused("agent-1", true))
                .hasValueSatisfying(a -> assertThat(a.paused()).isTrue());
        assertThat(stores.agents().isPaused("agent-1")).isTrue();
        stores.agents().setPaused("agent-1", false);
        assertThat(stores.agents().isPaused("agent-1")).isFalse();
        assertThat(stores.agents().setPaused("nobody", true)).isEmpty();
        assertThat(stores.agents().isPaused("nobody")).isFalse();
    }

    @Test
    void shouldListAgentsById() {
        stores.agents().register(new AgentRegistration("b", CHAIN, "B", OPERATOR, null));
        stores.agents().register(new AgentRegistration("a", CHAIN, "A", OPERATOR, null));

        assertThat(stores.agents().all()).extracting(AgentRecord::agentId).containsExactly("a", "b");
    }

    @Test
    void shouldRejectAnOperatorThatIsNotAnAddress() {
        assertThatThrownBy(() -> new AgentRegistration("a", CHAIN, "A", "0x1234", null))
                .hasMessageContaining("agent.operator must be a 0x-prefixed 20-byte hex address");
    }

    @Test
    void shouldSaveVotesAndTheirCheckpointTogetherOrNotAtAll() {
        long proposal = stores.proposals()
                .recordDetected(CHAIN, GOVERNOR, ONCHAIN_ID, draft("x"), ProposalState.ACTIVE)
                .id();

        assertThatThrownBy(() -> db.inTransaction(() -> {
                    stores.votes().record(new VoteRecord(proposal, ALICE, VoteSupport.FOR, WHALE, txHash(1), 10));
                    stores.checkpoints().save("votes", new Checkpoint(10, Optional.empty()));
                    stores.votes().record(new VoteRecord(proposal + 1, BOB, VoteSupport.FOR, WHALE, txHash(2), 10));
                }))
                .hasMessage("no proposal with id " + (proposal + 1));

        assertThat(stores.votes().forProposal(proposal)).isEmpty();
        assertThat(stores.checkpoints().load("votes")).isEmpty();
    }
}
