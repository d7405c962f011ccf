package io.chaoschain.storage;

import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proposals and their lifecycle. Every state change is checked against {@link ProposalTransitions}; an illegal one
 * throws {@link IllegalTransitionException} and changes nothing. The agent counters in {@link AgentStore} move in the
 * same transaction as the state change that earns them: submitted when an agent's proposal first reaches the chain,
 * executed when it first becomes EXECUTED, improved when its outcome says so.
 */
public interface ProposalStore {

    /** Records a proposal an agent drafted, in state DRAFTED. */
    StoredProposal create(String chain, String governor, String agentId, ProposalDraft draft);

    /**
     * Records a proposal found on chain (submitted by anyone). If that on-chain id is already recorded, returns the
     * existing proposal unchanged, so a monitor can call this for every event it sees.
     */
    StoredProposal recordDetected(
            String chain, String governor, BigInteger onchainId, ProposalDraft draft, ProposalState state);

    Optional<StoredProposal> find(long id);

    Optional<StoredProposal> findByOnchainId(String chain, String governor, BigInteger onchainId);

    /** All proposals, newest first. */
    List<StoredProposal> all();

    /** Proposals in any of the given states, newest first. */
    List<StoredProposal> inStates(Set<ProposalState> states);

    /** The newest proposal drafted by one agent, if any. */
    Optional<StoredProposal> latestByAgent(String agentId);

    /** Proposals drafted by one agent, newest first. */
    List<StoredProposal> byAgent(String agentId);

    /** How many proposals are in each state; states with none are absent. */
    Map<ProposalState, Long> countByState();

    /**
     * Moves a proposal to {@code to}. Moving to the current state is a no-op.
     *
     * @throws IllegalTransitionException when the lifecycle forbids the move
     * @throws java.util.NoSuchElementException when no proposal has that id
     */
    StoredProposal transition(long id, ProposalState to);

    /**
     * Claims the on-chain id for this FINALIZED proposal and moves it to SUBMITTING, before the propose transaction is
     * sent. The claim is what stops the same proposal from being submitted twice: a second claim of the same id on the
     * same chain and Governor fails.
     *
     * @throws DuplicateProposalException when another local proposal already holds {@code onchainId}
     */
    StoredProposal beginSubmission(long id, BigInteger onchainId, String reportHash);

    /**
     * Records the confirmed propose transaction; a SUBMITTING proposal becomes PENDING. {@code txHash} may be null when
     * the proposal is on chain but its transaction could not be found again; a known hash is never overwritten by null.
     */
    StoredProposal recordSubmitted(long id, String txHash);

    /** Records the queue transaction (null when someone else queued it) and the timelock's eta; becomes QUEUED. */
    StoredProposal recordQueued(long id, String txHash, Instant eta);

    /** Records the execute transaction (null when someone else executed it); the proposal becomes EXECUTED. */
    StoredProposal recordExecuted(long id, String txHash);

    /**
     * Records the measured effect of an EXECUTED proposal. Recording again replaces the outcome, and the agent's
     * improved counter follows, so it always equals the number of its proposals whose current outcome says improved.
     */
    StoredProposal recordOutcome(long id, ProposalOutcome outcome);
}
