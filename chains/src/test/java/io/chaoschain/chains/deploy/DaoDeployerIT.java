package io.chaoschain.chains.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.contracts.AgentRegistry;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.contracts.DaoTimelock;
import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.GovToken;
import io.chaoschain.chains.contracts.GovernanceEndpoint;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.chains.contracts.ValidationRegistry;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;

@WithDevnet
class DaoDeployerIT {
    private static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private static Devnet devnet;
    private static DaoDeployer.Settings settings;
    private static DaoDeployment dao;
    private static TransactionManager reader;

    @BeforeAll
    static void deploy(Devnet devnet, DaoDeployment dao) {
        DaoDeployerIT.devnet = devnet;
        settings = DaoDeployer.Settings.defaults();
        DaoDeployerIT.dao = dao;
        reader =
                new ReadonlyTransactionManager(devnet.web3j(), devnet.account(0).getAddress());
    }

    @Test
    void shouldReportLowerCaseAddressesThatHoldCode() throws Exception {
        assertThat(dao.chainId()).isEqualTo(Devnet.CHAIN_ID);
        List<String> addresses = List.of(
                dao.asset(),
                dao.collateral(),
                dao.govToken(),
                dao.timelock(),
                dao.governor(),
                dao.market(),
                dao.registry(),
                dao.endpoint(),
                dao.reputationRegistry(),
                dao.validationRegistry());
        assertThat(addresses).doesNotHaveDuplicates().allMatch(a -> a.matches("0x[0-9a-f]{40}"));
        for (String address : addresses) {
            String code = devnet.web3j()
                    .ethGetCode(address, DefaultBlockParameterName.LATEST)
                    .send()
                    .getCode();
            assertThat(code).as("code at %s", address).hasSizeGreaterThan(2);
        }
        assertThat(dao.deployBlock()).isPositive().isLessThan(devnet.blockNumber());
    }

    @Test
    void shouldDeployTheDemoTokensAndTheVotingToken() throws Exception {
        DemoToken asset = DemoToken.load(dao.asset(), devnet.web3j(), reader, devnet.gas());
        DemoToken collateral = DemoToken.load(dao.collateral(), devnet.web3j(), reader, devnet.gas());
        GovToken gov = GovToken.load(dao.govToken(), devnet.web3j(), reader, devnet.gas());
        assertThat(List.of(asset.name().send(), asset.symbol().send())).containsExactly("Demo USD", "dUSD");
        assertThat(asset.decimals().send()).isEqualTo(BigInteger.valueOf(18));
        assertThat(List.of(collateral.name().send(), collateral.symbol().send()))
                .containsExactly("Demo ETH", "dETH");
        assertThat(List.of(gov.name().send(), gov.symbol().send())).containsExactly("ChaosChain DAO", "CHAOS");
        assertThat(gov.owner().send()).isEqualToIgnoringCase(dao.timelock());
        assertThat(asset.owner().send()).isEqualToIgnoringCase(devnet.account(0).getAddress());
    }

    @Test
    void shouldGiveTheGovernorSoleControlOfTheTimelock() throws Exception {
        DaoTimelock timelock = DaoTimelock.load(dao.timelock(), devnet.web3j(), reader, devnet.gas());
        String deployer = devnet.account(0).getAddress();
        assertThat(timelock.getMinDelay().send()).isEqualTo(BigInteger.valueOf(3600));
        assertThat(timelock.hasRole(timelock.PROPOSER_ROLE().send(), dao.governor())
                        .send())
                .isTrue();
        assertThat(timelock.hasRole(timelock.CANCELLER_ROLE().send(), dao.governor())
                        .send())
                .isTrue();
        assertThat(timelock.hasRole(timelock.EXECUTOR_ROLE().send(), ZERO).send())
                .as("anyone executes")
                .isTrue();
        assertThat(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE().send(), deployer)
                        .send())
                .isFalse();
        assertThat(timelock.hasRole(timelock.PROPOSER_ROLE().send(), deployer).send())
                .isFalse();
        assertThat(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE().send(), dao.timelock())
                        .send())
                .isTrue();
    }

    @Test
    void shouldConfigureTheGovernorFromTheSettings() throws Exception {
        DaoGovernor governor = DaoGovernor.load(dao.governor(), devnet.web3j(), reader, devnet.gas());
        assertThat(governor.votingDelay().send()).isEqualTo(BigInteger.ONE);
        assertThat(governor.votingPeriod().send()).isEqualTo(BigInteger.valueOf(30));
        assertThat(governor.proposalThreshold().send()).isEqualTo(WAD.multiply(BigInteger.valueOf(1000)));
        assertThat(governor.quorumNumerator().send()).isEqualTo(BigInteger.valueOf(4));
        assertThat(governor.token().send()).isEqualToIgnoringCase(dao.govToken());
        assertThat(governor.timelock().send()).isEqualToIgnoringCase(dao.timelock());
    }

    @Test
    void shouldDeployTheMarketWithTheDeliberatelyFlatJumpModelOwnedByTheTimelock() throws Exception {
        LendingMarket market = LendingMarket.load(dao.market(), devnet.web3j(), reader, devnet.gas());
        assertThat(market.owner().send()).isEqualToIgnoringCase(dao.timelock());
        assertThat(market.asset().send()).isEqualToIgnoringCase(dao.asset());
        assertThat(market.collateralAsset().send()).isEqualToIgnoringCase(dao.collateral());
        assertThat(market.baseRatePerYear().send()).isEqualTo(pct(2));
        assertThat(market.multiplierPerYear().send()).isEqualTo(pct(10));
        assertThat(market.jumpMultiplierPerYear().send()).isEqualTo(pct(25));
        assertThat(market.kink().send()).isEqualTo(pct(80));
        assertThat(market.reserveFactor().send()).isEqualTo(pct(10));
        assertThat(market.collateralFactor().send()).isEqualTo(pct(75));
        assertThat(market.collateralPrice().send()).isEqualTo(WAD.multiply(BigInteger.valueOf(2000)));
    }

    @Test
    void shouldWireTheEndpointToTheGovernorAndRegistryUnderTheTimelock() throws Exception {
        GovernanceEndpoint endpoint = GovernanceEndpoint.load(dao.endpoint(), devnet.web3j(), reader, devnet.gas());
        assertThat(endpoint.owner().send()).isEqualToIgnoringCase(dao.timelock());
        assertThat(endpoint.governor().send()).isEqualToIgnoringCase(dao.governor());
        assertThat(endpoint.registry().send()).isEqualToIgnoringCase(dao.registry());
        assertThat(endpoint.paused().send()).isFalse();
        AgentRegistry registry = AgentRegistry.load(dao.registry(), devnet.web3j(), reader, devnet.gas());
        assertThat(registry.totalAgents().send()).isZero();
    }

    @Test
    void shouldBindTheReputationAndValidationRegistriesToTheIdentityRegistry() throws Exception {
        ReputationRegistry reputation =
                ReputationRegistry.load(dao.reputationRegistry(), devnet.web3j(), reader, devnet.gas());
        ValidationRegistry validation =
                ValidationRegistry.load(dao.validationRegistry(), devnet.web3j(), reader, devnet.gas());
        assertThat(reputation.getIdentityRegistry().send()).isEqualToIgnoringCase(dao.registry());
        assertThat(validation.getIdentityRegistry().send()).isEqualToIgnoringCase(dao.registry());
    }

    @Test
    void shouldDistributeVotesSoTheEndpointMeetsTheProposalThreshold() throws Exception {
        GovToken gov = GovToken.load(dao.govToken(), devnet.web3j(), reader, devnet.gas());
        DaoGovernor governor = DaoGovernor.load(dao.governor(), devnet.web3j(), reader, devnet.gas());
        for (Credentials delegate : settings.delegates()) {
            assertThat(gov.balanceOf(delegate.getAddress()).send()).isEqualTo(settings.delegateAllocation());
            assertThat(gov.getVotes(delegate.getAddress()).send()).isEqualTo(settings.delegateAllocation());
            assertThat(gov.delegates(delegate.getAddress()).send()).isEqualToIgnoringCase(delegate.getAddress());
        }
        String deployer = devnet.account(0).getAddress();
        assertThat(gov.balanceOf(deployer).send()).isEqualTo(settings.endpointAllocation());
        assertThat(gov.delegates(deployer).send()).isEqualToIgnoringCase(dao.endpoint());
        assertThat(gov.totalSupply().send())
                .isEqualTo(settings.delegateAllocation()
                        .multiply(BigInteger.valueOf(settings.delegates().size()))
                        .add(settings.endpointAllocation()));
        BigInteger lastBlock = BigInteger.valueOf(devnet.blockNumber() - 1);
        assertThat(governor.getVotes(dao.endpoint(), lastBlock).send())
                .isEqualTo(settings.endpointAllocation())
                .isGreaterThanOrEqualTo(governor.proposalThreshold().send());
    }

    @Test
    void shouldFundDelegatesWithoutEtherSoTheyCanSelfDelegate() throws Exception {
        Credentials broke = Credentials.create(Keys.createEcKeyPair());
        DaoDeployment second = devnet.deployDao(settings.withDelegates(List.of(broke)));
        GovToken gov = GovToken.load(second.govToken(), devnet.web3j(), reader, devnet.gas());
        assertThat(gov.getVotes(broke.getAddress()).send()).isEqualTo(settings.delegateAllocation());
        assertThat(second.endpoint()).isNotEqualTo(dao.endpoint());
    }

    private static BigInteger pct(long pct) {
        return WAD.multiply(BigInteger.valueOf(pct)).divide(BigInteger.valueOf(100));
    }
}
