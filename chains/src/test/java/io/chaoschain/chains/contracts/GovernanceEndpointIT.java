package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.string;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.identity.AgentWalletAuthorization;
import io.chaoschain.chains.testcontracts.OwnerSignedWallet;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.Errors;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class GovernanceEndpointIT extends DaoFixture {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private static String submitRevert(Credentials from, BigInteger agent, Proposal p, byte[] reportHash) {
        return revertOf(
                from,
                dao.endpoint(),
                endpoint(from)
                        .submitProposal(agent, p.targets(), p.values(), p.calldatas(), p.description(), reportHash));
    }

    // ---------------------------------------------------------------- submission

    @Test
    void shouldForwardTheOwnersProposalToTheGovernorAndRecordItsAgentAndReport() throws Exception {
        Proposal p = steeperJump(pct(300), "Steepen the jump multiplier to 300%");
        TransactionReceipt receipt = submit(agentOwner, p);
        GovernanceEndpoint.ProposalSubmittedEventResponse event =
                GovernanceEndpoint.getProposalSubmittedEvents(receipt).getFirst();
        BigInteger expectedId = governor(stranger)
                .hashProposal(p.targets(), p.values(), p.calldatas(), p.descriptionHash())
                .send();
        assertThat(event.proposalId).isEqualTo(expectedId);
        assertThat(event.agentId).isEqualTo(agentId);
        assertThat(event.operator).isEqualToIgnoringCase(agentOwner.getAddress());
        assertThat(event.simulationReportHash).isEqualTo(REPORT_HASH);
        assertThat(event.description).isEqualTo(p.description());
        GovernanceEndpoint endpoint = endpoint(stranger);
        assertThat(endpoint.agentOf(expectedId).send()).isEqualTo(agentId);
        assertThat(endpoint.reportHashOf(expectedId).send()).isEqualTo(REPORT_HASH);
        DaoGovernor governor = governor(stranger);
        assertThat(governor.proposalProposer(expectedId).send()).isEqualToIgnoringCase(dao.endpoint());
        assertThat(ProposalState.fromGovernor(governor.state(expectedId).send().intValueExact()))
                .isEqualTo(ProposalState.PENDING);
        assertThat(DaoGovernor.getProposalCreatedEvents(receipt)).hasSize(1);
    }

    @Test
    void shouldAcceptASubmissionFromTheAgentWallet() throws Exception {
        TransactionReceipt receipt = submit(agentOperator, steeperJump(pct(200), "From the operator key"));
        GovernanceEndpoint.ProposalSubmittedEventResponse event =
                GovernanceEndpoint.getProposalSubmittedEvents(receipt).getFirst();
        assertThat(event.operator).isEqualToIgnoringCase(agentOperator.getAddress());
        assertThat(endpoint(stranger).agentOf(event.proposalId).send()).isEqualTo(agentId);
    }

    @Test
    void shouldAcceptASubmissionFromAContractAgentWallet() throws Exception {
        Credentials walletKey = Credentials.create(Keys.createEcKeyPair());
        OwnerSignedWallet wallet = OwnerSignedWallet.deploy(
                        devnet.web3j(), devnet.txManager(stranger), devnet.gas(), walletKey.getAddress())
                .send();
        long deadline = devnet.latestTimestamp() + 120;
        byte[] proof = new AgentWalletAuthorization(
                        Devnet.CHAIN_ID,
                        dao.registry(),
                        agentId,
                        wallet.getContractAddress(),
                        agentOwner.getAddress(),
                        BigInteger.valueOf(deadline))
                .signWith(walletKey);
        registry(agentOwner)
                .setAgentWallet(agentId, wallet.getContractAddress(), BigInteger.valueOf(deadline), proof)
                .send();
        devnet.fund(walletKey.getAddress());
        Proposal p = steeperJump(pct(150), "Through a smart wallet");
        String call = endpoint(stranger)
                .submitProposal(agentId, p.targets(), p.values(), p.calldatas(), p.description(), REPORT_HASH)
                .encodeFunctionCall();
        TransactionReceipt receipt = OwnerSignedWallet.load(
                        wallet.getContractAddress(), devnet.web3j(), devnet.txManager(walletKey), devnet.gas())
                .execute(dao.endpoint(), io.chaoschain.core.Hex.decode(call))
                .send();
        GovernanceEndpoint.ProposalSubmittedEventResponse event =
                GovernanceEndpoint.getProposalSubmittedEvents(receipt).getFirst();
        assertThat(event.operator).isEqualToIgnoringCase(wallet.getContractAddress());
    }

    @Test
    void shouldRevertWhenAStrangerSubmits() {
        assertThat(submitRevert(stranger, agentId, steeperJump(pct(300), "hijack"), REPORT_HASH))
                .isEqualTo(Errors.of("NotAgentOperator", uint(agentId), address(stranger.getAddress())));
    }

    @Test
    void shouldRevertForAnUnknownAgent() {
        assertThat(submitRevert(agentOwner, BigInteger.valueOf(99), steeperJump(pct(300), "ghost"), REPORT_HASH))
                .isEqualTo(Errors.of("UnknownAgent", uint(99)));
    }

    @Test
    void shouldRevertWithoutASimulationReportHash() {
        assertThat(submitRevert(agentOwner, agentId, steeperJump(pct(300), "unproven"), new byte[32]))
                .isEqualTo(Errors.of("EmptyReportHash"));
    }

    @Test
    void shouldStopTheFormerWalletOnceTheAgentChangesHands() throws Exception {
        registry(agentOwner)
                .transferFrom(agentOwner.getAddress(), stranger.getAddress(), agentId)
                .send();
        assertThat(submitRevert(agentOperator, agentId, steeperJump(pct(300), "stale key"), REPORT_HASH))
                .isEqualTo(Errors.of("NotAgentOperator", uint(agentId), address(agentOperator.getAddress())));
        assertThat(submitRevert(agentOwner, agentId, steeperJump(pct(300), "former owner"), REPORT_HASH))
                .isEqualTo(Errors.of("NotAgentOperator", uint(agentId), address(agentOwner.getAddress())));
        submit(stranger, steeperJump(pct(300), "new owner"));
    }

    @Test
    void shouldLetOnlyTheOwnerSubmitOnceTheWalletIsUnset() throws Exception {
        registry(agentOwner).unsetAgentWallet(agentId).send();
        assertThat(registry(stranger).getAgentWallet(agentId).send()).isEqualTo(ZERO);
        assertThat(submitRevert(agentOperator, agentId, steeperJump(pct(300), "unset"), REPORT_HASH))
                .isEqualTo(Errors.of("NotAgentOperator", uint(agentId), address(agentOperator.getAddress())));
        submit(agentOwner, steeperJump(pct(300), "owner still can"));
    }

    @Test
    void shouldPassOnTheGovernorsRefusalOfADuplicateProposal() throws Exception {
        Proposal p = steeperJump(pct(300), "Twice");
        BigInteger id = proposalIdOf(submit(agentOwner, p));
        String data = submitRevert(agentOperator, agentId, p, REPORT_HASH);
        assertThat(data).startsWith(Errors.selector("GovernorUnexpectedProposalState(uint256,uint8,bytes32)"));
        assertThat(Errors.words(data).getFirst()).isEqualTo(id);
    }

    @Test
    void shouldNeedTheDelegatedVotesToMeetTheProposalThreshold() throws Exception {
        Credentials deployer = devnet.account(0);
        GovToken.load(dao.govToken(), devnet.web3j(), devnet.txManager(deployer), devnet.gas())
                .delegate(deployer.getAddress())
                .send();
        devnet.mine(1);
        assertThat(submitRevert(agentOwner, agentId, steeperJump(pct(300), "no votes left"), REPORT_HASH))
                .isEqualTo(Errors.of(
                        "GovernorInsufficientProposerVotes",
                        address(dao.endpoint()),
                        uint(0),
                        uint(settings.proposalThreshold())));
    }

    // ---------------------------------------------------------------- DAO controls

    @Test
    void shouldRefuseRevokedAgentsUntilReinstated() throws Exception {
        GovernanceEndpoint asTimelock = endpointAsTimelock();
        TransactionReceipt revoked = asTimelock.revokeAgent(agentId).send();
        assertThat(GovernanceEndpoint.getAgentRevokedEvents(revoked).getFirst().agentId)
                .isEqualTo(agentId);
        assertThat(endpoint(stranger).isRevoked(agentId).send()).isTrue();
        assertThat(submitRevert(agentOperator, agentId, steeperJump(pct(300), "revoked"), REPORT_HASH))
                .isEqualTo(Errors.of("AgentIsRevoked", uint(agentId)));
        assertThat(submitRevert(agentOwner, agentId, steeperJump(pct(300), "revoked"), REPORT_HASH))
                .isEqualTo(Errors.of("AgentIsRevoked", uint(agentId)));

        TransactionReceipt reinstated = asTimelock.reinstateAgent(agentId).send();
        assertThat(GovernanceEndpoint.getAgentReinstatedEvents(reinstated).getFirst().agentId)
                .isEqualTo(agentId);
        assertThat(endpoint(stranger).isRevoked(agentId).send()).isFalse();
        submit(agentOperator, steeperJump(pct(300), "reinstated"));
    }

    @Test
    void shouldRefuseRevokingTwiceOrReinstatingAnAgentInGoodStanding() throws Exception {
        String timelock = dao.timelock();
        devnet.impersonate(timelock);
        assertThat(devnet.revertData(
                        timelock,
                        dao.endpoint(),
                        endpoint(stranger).reinstateAgent(agentId).encodeFunctionCall()))
                .isEqualTo(Errors.of("AgentNotRevoked", uint(agentId)));
        endpointAsTimelock().revokeAgent(agentId).send();
        assertThat(devnet.revertData(
                        timelock,
                        dao.endpoint(),
                        endpoint(stranger).revokeAgent(agentId).encodeFunctionCall()))
                .isEqualTo(Errors.of("AgentIsRevoked", uint(agentId)));
    }

    @Test
    void shouldRefuseSubmissionsWhilePaused() throws Exception {
        GovernanceEndpoint asTimelock = endpointAsTimelock();
        asTimelock.pause().send();
        assertThat(endpoint(stranger).paused().send()).isTrue();
        assertThat(submitRevert(agentOwner, agentId, steeperJump(pct(300), "paused"), REPORT_HASH))
                .isEqualTo(Errors.of("EnforcedPause"));
        asTimelock.unpause().send();
        submit(agentOwner, steeperJump(pct(300), "unpaused"));
    }

    @Test
    void shouldLetOnlyTheTimelockUseTheControls() {
        for (Credentials notOwner : new Credentials[] {stranger, agentOwner, devnet.account(0)}) {
            String expected = Errors.of("OwnableUnauthorizedAccount", address(notOwner.getAddress()));
            GovernanceEndpoint e = endpoint(notOwner);
            assertThat(revertOf(notOwner, dao.endpoint(), e.revokeAgent(agentId)))
                    .isEqualTo(expected);
            assertThat(revertOf(notOwner, dao.endpoint(), e.reinstateAgent(agentId)))
                    .isEqualTo(expected);
            assertThat(revertOf(notOwner, dao.endpoint(), e.pause())).isEqualTo(expected);
            assertThat(revertOf(notOwner, dao.endpoint(), e.unpause())).isEqualTo(expected);
        }
    }

    @Test
    void shouldRefuseToDeployWithoutGovernorOrRegistry() {
        String noGovernor = GovernanceEndpoint.BINARY
                + FunctionEncoder.encodeConstructor(
                        List.of(address(ZERO), address(dao.registry()), address(dao.timelock())));
        String noRegistry = GovernanceEndpoint.BINARY
                + FunctionEncoder.encodeConstructor(
                        List.of(address(dao.governor()), address(ZERO), address(dao.timelock())));
        assertThat(devnet.revertData(stranger.getAddress(), null, noGovernor))
                .isEqualTo(Errors.of("InvalidAddress", string("governor")));
        assertThat(devnet.revertData(stranger.getAddress(), null, noRegistry))
                .isEqualTo(Errors.of("InvalidAddress", string("registry")));
    }

    private static BigInteger pct(long percent) {
        return WAD.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }
}
