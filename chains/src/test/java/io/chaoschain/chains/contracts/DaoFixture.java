package io.chaoschain.chains.contracts;

import io.chaoschain.chains.deploy.DaoDeployer;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.identity.AgentWalletAuthorization;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * One Anvil per test class with the whole DAO from {@link DaoDeployer} and one registered agent: its owner key and,
 * as verified agent wallet, a separate operator key. Every test starts from the same snapshot.
 */
@WithDevnet(revertAfterEachTest = true)
abstract class DaoFixture {
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final byte[] REPORT_HASH = Hash.sha3("simulation report".getBytes(StandardCharsets.UTF_8));

    static Devnet devnet;
    static DaoDeployer.Settings settings;
    static DaoDeployment dao;
    static Credentials agentOwner;
    static Credentials agentOperator;
    static Credentials stranger;
    static BigInteger agentId;

    @BeforeAll
    static void registerAgent(Devnet devnet, DaoDeployment dao) throws Exception {
        DaoFixture.devnet = devnet;
        settings = DaoDeployer.Settings.defaults();
        DaoFixture.dao = dao;
        agentOwner = devnet.account(4);
        agentOperator = devnet.account(5);
        stranger = devnet.account(6);
        TransactionReceipt registered =
                registry(agentOwner).register("ipfs://chaoschain-agent").send();
        agentId = AgentRegistry.getRegisteredEvents(registered).getFirst().agentId;
        long deadline = devnet.latestTimestamp() + 120;
        byte[] proof = new AgentWalletAuthorization(
                        Devnet.CHAIN_ID,
                        dao.registry(),
                        agentId,
                        agentOperator.getAddress(),
                        agentOwner.getAddress(),
                        BigInteger.valueOf(deadline))
                .signWith(agentOperator);
        registry(agentOwner)
                .setAgentWallet(agentId, agentOperator.getAddress(), BigInteger.valueOf(deadline), proof)
                .send();
    }

    static AgentRegistry registry(Credentials who) {
        return AgentRegistry.load(dao.registry(), devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static GovernanceEndpoint endpoint(Credentials who) {
        return endpoint(devnet.txManager(who));
    }

    static GovernanceEndpoint endpoint(TransactionManager tm) {
        return GovernanceEndpoint.load(dao.endpoint(), devnet.web3j(), tm, devnet.gas());
    }

    /** The endpoint as its owner, the DAO timelock, impersonated through Anvil. */
    static GovernanceEndpoint endpointAsTimelock() {
        return endpoint(devnet.impersonate(dao.timelock()));
    }

    static DaoGovernor governor(Credentials who) {
        return DaoGovernor.load(dao.governor(), devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static LendingMarket market(Credentials who) {
        return LendingMarket.load(dao.market(), devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static String revertOf(Credentials from, String to, org.web3j.protocol.core.RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), to, call.encodeFunctionCall());
    }

    /** A proposal of one action: the market's setRateModel with a steeper jump multiplier. */
    record Proposal(List<String> targets, List<BigInteger> values, List<byte[]> calldatas, String description) {
        byte[] descriptionHash() {
            return Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Proposal steeperJump(BigInteger jumpMultiplier, String description) {
        String calldata = FunctionEncoder.encode(new Function(
                "setRateModel",
                List.of(
                        new Uint256(settings.rateModel().baseRatePerYear()),
                                new Uint256(settings.rateModel().multiplierPerYear()),
                        new Uint256(jumpMultiplier),
                                new Uint256(settings.rateModel().kink())),
                List.of()));
        return new Proposal(
                List.of(dao.market()),
                List.of(BigInteger.ZERO),
                List.of(io.chaoschain.core.Hex.decode(calldata)),
                description);
    }

    static TransactionReceipt submit(Credentials operator, Proposal p) throws Exception {
        return endpoint(operator)
                .submitProposal(agentId, p.targets(), p.values(), p.calldatas(), p.description(), REPORT_HASH)
                .send();
    }

    static BigInteger proposalIdOf(TransactionReceipt receipt) {
        return GovernanceEndpoint.getProposalSubmittedEvents(receipt).getFirst().proposalId;
    }
}
