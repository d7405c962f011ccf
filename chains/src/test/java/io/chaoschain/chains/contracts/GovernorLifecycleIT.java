package io.chaoschain.chains.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Errors;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/** Proposals from an agent through the endpoint, voted by the delegates and executed by the timelock. */
class GovernorLifecycleIT extends DaoFixture {
    private static final BigInteger AGAINST = BigInteger.ZERO;
    private static final BigInteger FOR = BigInteger.ONE;

    private static ProposalState stateOf(BigInteger proposalId) throws Exception {
        return ProposalState.fromGovernor(
                governor(stranger).state(proposalId).send().intValueExact());
    }

    private static void vote(BigInteger proposalId, BigInteger... choices) throws Exception {
        for (int i = 0; i < choices.length; i++) {
            governor(settings.delegates().get(i))
                    .castVote(proposalId, choices[i])
                    .send();
        }
    }

    private static void passVotingDelay() {
        devnet.mine(settings.votingDelayBlocks() + 1);
    }

    private static void passVotingPeriod() {
        devnet.mine(settings.votingPeriodBlocks());
    }

    @Test
    void shouldExecuteAnAgentsProposalOnceVotedAndTimelocked() throws Exception {
        Proposal p = steeperJump(pct(300), "Steepen the jump multiplier to 300% so high utilisation costs more");
        BigInteger id = proposalIdOf(submit(agentOperator, p));
        assertThat(stateOf(id)).isEqualTo(ProposalState.PENDING);

        passVotingDelay();
        assertThat(stateOf(id)).isEqualTo(ProposalState.ACTIVE);
        vote(id, FOR, FOR, AGAINST);
        DaoGovernor governor = governor(stranger);
        assertThat(governor.hasVoted(id, settings.delegates().get(0).getAddress())
                        .send())
                .isTrue();
        passVotingPeriod();
        assertThat(stateOf(id)).isEqualTo(ProposalState.SUCCEEDED);

        governor.queue(p.targets(), p.values(), p.calldatas(), p.descriptionHash())
                .send();
        assertThat(stateOf(id)).isEqualTo(ProposalState.QUEUED);
        BigInteger eta = governor.proposalEta(id).send();
        assertThat(eta.longValueExact())
                .isGreaterThanOrEqualTo(
                        devnet.latestTimestamp() + settings.timelockMinDelay().toSeconds());

        // the timelock holds it until the delay has passed
        String early = devnet.revertData(
                stranger.getAddress(),
                dao.governor(),
                governor.execute(p.targets(), p.values(), p.calldatas(), p.descriptionHash(), BigInteger.ZERO)
                        .encodeFunctionCall());
        assertThat(early).startsWith(Errors.selector("TimelockUnexpectedOperationState(bytes32,bytes32)"));
        assertThat(market(stranger).jumpMultiplierPerYear().send()).isEqualTo(pct(25));

        devnet.increaseTime(settings.timelockMinDelay().toSeconds());
        devnet.mine(1);
        governor.execute(p.targets(), p.values(), p.calldatas(), p.descriptionHash(), BigInteger.ZERO)
                .send();
        assertThat(stateOf(id)).isEqualTo(ProposalState.EXECUTED);
        LendingMarket market = market(stranger);
        assertThat(market.jumpMultiplierPerYear().send()).isEqualTo(pct(300));
        assertThat(market.baseRatePerYear().send())
                .isEqualTo(settings.rateModel().baseRatePerYear());
        assertThat(market.kink().send()).isEqualTo(settings.rateModel().kink());
        assertThat(endpoint(stranger).agentOf(id).send()).isEqualTo(agentId);
    }

    @Test
    void shouldDefeatAProposalTheDelegatesVoteDown() throws Exception {
        Proposal p = steeperJump(pct(1000), "An excessive jump multiplier");
        BigInteger id = proposalIdOf(submit(agentOwner, p));
        passVotingDelay();
        vote(id, FOR, AGAINST, AGAINST);
        passVotingPeriod();
        assertThat(stateOf(id)).isEqualTo(ProposalState.DEFEATED);
        String queue = devnet.revertData(
                stranger.getAddress(),
                dao.governor(),
                governor(stranger)
                        .queue(p.targets(), p.values(), p.calldatas(), p.descriptionHash())
                        .encodeFunctionCall());
        assertThat(queue).startsWith(Errors.selector("GovernorUnexpectedProposalState(uint256,uint8,bytes32)"));
        assertThat(market(stranger).jumpMultiplierPerYear().send()).isEqualTo(pct(25));
    }

    @Test
    void shouldDefeatAProposalThatMissesQuorum() throws Exception {
        BigInteger id = proposalIdOf(submit(agentOwner, steeperJump(pct(300), "Nobody votes")));
        passVotingDelay();
        passVotingPeriod();
        assertThat(stateOf(id)).isEqualTo(ProposalState.DEFEATED);
    }

    @Test
    void shouldLetTheDaoRevokeAnAgentThroughGovernance() throws Exception {
        String revoke = FunctionEncoder.encode(new Function("revokeAgent", List.of(new Uint256(agentId)), List.of()));
        Proposal p = new Proposal(
                List.of(dao.endpoint()), List.of(BigInteger.ZERO), List.of(Hex.decode(revoke)), "Revoke the agent");
        Credentials proposer = devnet.account(7);
        BigInteger proposerAgent = registerAgent(proposer);
        BigInteger id = proposalIdOf(endpoint(proposer)
                .submitProposal(proposerAgent, p.targets(), p.values(), p.calldatas(), p.description(), REPORT_HASH)
                .send());
        passVotingDelay();
        vote(id, FOR, FOR, FOR);
        passVotingPeriod();
        DaoGovernor governor = governor(stranger);
        governor.queue(p.targets(), p.values(), p.calldatas(), p.descriptionHash())
                .send();
        devnet.increaseTime(settings.timelockMinDelay().toSeconds());
        devnet.mine(1);
        governor.execute(p.targets(), p.values(), p.calldatas(), p.descriptionHash(), BigInteger.ZERO)
                .send();
        assertThat(endpoint(stranger).isRevoked(agentId).send()).isTrue();
        assertThat(endpoint(stranger).isRevoked(proposerAgent).send()).isFalse();
    }

    private static BigInteger registerAgent(Credentials owner) throws Exception {
        return AgentRegistry.getRegisteredEvents(
                        registry(owner).register("ipfs://second-agent").send())
                .getFirst()
                .agentId;
    }

    private static BigInteger pct(long percent) {
        return WAD.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }
}
