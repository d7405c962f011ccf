package io.chaoschain.chains.deploy;

import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.contracts.AgentRegistry;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.contracts.DaoTimelock;
import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.GovToken;
import io.chaoschain.chains.contracts.GovernanceEndpoint;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.contracts.ReputationRegistry;
import io.chaoschain.chains.contracts.ValidationRegistry;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.metrics.RateModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.Contract;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.TransactionReceiptProcessor;
import org.web3j.utils.Convert;

/**
 * Deploys the whole local DAO on a devnet: demo asset and collateral tokens, the CHAOS voting token, timelock,
 * Governor, the governed lending market (owned by the timelock), the ERC-8004 agent (identity) registry with its
 * reputation and validation registries bound to it, and the governance endpoint (owned by the timelock). CHAOS goes to the delegates, who self-delegate, and to the deployer, who delegates
 * its votes to the endpoint so that agents' proposals meet the proposal threshold. At the end the deployer gives up
 * its admin role on the timelock and the CHAOS minting right (to the timelock); it keeps minting the demo tokens.
 */
public final class DaoDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(DaoDeployer.class);
    private static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final String ANYONE = "0x0000000000000000000000000000000000000000";
    private static final BigInteger MIN_DELEGATE_GAS_MONEY =
            Convert.toWei("0.1", Convert.Unit.ETHER).toBigInteger();
    private static final BigDecimal DELEGATE_GAS_FUNDING = BigDecimal.ONE; // ether

    /**
     * What to deploy. Amounts and rates are WAD-scaled (1e18 = 1 token, 100%).
     *
     * @param timelockMinDelay how long a passed proposal waits in the timelock
     * @param votingDelayBlocks blocks between a proposal and the start of its vote
     * @param votingPeriodBlocks blocks the vote stays open
     * @param proposalThreshold votes a proposer needs (the endpoint gets {@code endpointAllocation})
     * @param quorumPercent share of the CHAOS supply that must vote for or abstain
     * @param delegates voters who receive {@code delegateAllocation} CHAOS each and self-delegate (with their keys)
     * @param endpointAllocation CHAOS minted to the deployer and delegated to the endpoint
     * @param rateModel the market's initial jump-rate model and reserve factor
     */
    public record Settings(
            Duration timelockMinDelay,
            long votingDelayBlocks,
            long votingPeriodBlocks,
            BigInteger proposalThreshold,
            int quorumPercent,
            List<Credentials> delegates,
            BigInteger delegateAllocation,
            BigInteger endpointAllocation,
            RateModel rateModel,
            BigInteger collateralFactor,
            BigInteger collateralPrice) {

        public Settings {
            delegates = List.copyOf(delegates);
            if (timelockMinDelay == null || timelockMinDelay.isNegative()) {
                throw new UserFacingException(
                        "error: timelockMinDelay must be zero or positive, got " + timelockMinDelay);
            }
            if (votingDelayBlocks < 0) {
                throw new UserFacingException(
                        "error: votingDelayBlocks must not be negative, got " + votingDelayBlocks);
            }
            if (votingPeriodBlocks <= 0) {
                throw new UserFacingException("error: votingPeriodBlocks must be positive, got " + votingPeriodBlocks);
            }
            if (quorumPercent < 0 || quorumPercent > 100) {
                throw new UserFacingException("error: quorumPercent must be between 0 and 100, got " + quorumPercent);
            }
            requireNonNegative(proposalThreshold, "proposalThreshold");
            requireNonNegative(delegateAllocation, "delegateAllocation");
            requireNonNegative(endpointAllocation, "endpointAllocation");
            if (endpointAllocation.compareTo(proposalThreshold) < 0) {
                throw new UserFacingException("error: endpointAllocation (" + endpointAllocation
                        + ") must be at least proposalThreshold (" + proposalThreshold + ") or agents cannot propose");
            }
            if (rateModel == null) {
                throw new UserFacingException("error: rateModel is required");
            }
            requireNonNegative(collateralFactor, "collateralFactor");
            requireNonNegative(collateralPrice, "collateralPrice");
        }

        /**
         * One-hour timelock, 1-block voting delay, 30-block vote, 1000 CHAOS threshold, 4% quorum; Anvil dev accounts
         * 1-3 as delegates with 300k CHAOS each, 100k for the endpoint; market at base 2%, multiplier 10%, jump 25%,
         * kink 80%, reserve factor 10%, collateral factor 75%, collateral price 2000. The jump multiplier is
         * deliberately too flat above the kink: high utilisation barely raises the rate, which agents should notice.
         */
        public static Settings defaults() {
            return new Settings(
                    Duration.ofHours(1),
                    1,
                    30,
                    wad(1000),
                    4,
                    IntStream.rangeClosed(1, 3)
                            .mapToObj(AnvilAccounts::credentials)
                            .toList(),
                    wad(300_000),
                    wad(100_000),
                    new RateModel(percent(2), percent(10), percent(25), percent(80), percent(10)),
                    percent(75),
                    wad(2000));
        }

        public Settings withDelegates(List<Credentials> newDelegates) {
            return new Settings(
                    timelockMinDelay,
                    votingDelayBlocks,
                    votingPeriodBlocks,
                    proposalThreshold,
                    quorumPercent,
                    newDelegates,
                    delegateAllocation,
                    endpointAllocation,
                    rateModel,
                    collateralFactor,
                    collateralPrice);
        }

        public Settings withTimelockMinDelay(Duration delay) {
            return new Settings(
                    delay,
                    votingDelayBlocks,
                    votingPeriodBlocks,
                    proposalThreshold,
                    quorumPercent,
                    delegates,
                    delegateAllocation,
                    endpointAllocation,
                    rateModel,
                    collateralFactor,
                    collateralPrice);
        }

        public Settings withVoting(long delayBlocks, long periodBlocks) {
            return new Settings(
                    timelockMinDelay,
                    delayBlocks,
                    periodBlocks,
                    proposalThreshold,
                    quorumPercent,
                    delegates,
                    delegateAllocation,
                    endpointAllocation,
                    rateModel,
                    collateralFactor,
                    collateralPrice);
        }

        public Settings withRateModel(RateModel model) {
            return new Settings(
                    timelockMinDelay,
                    votingDelayBlocks,
                    votingPeriodBlocks,
                    proposalThreshold,
                    quorumPercent,
                    delegates,
                    delegateAllocation,
                    endpointAllocation,
                    model,
                    collateralFactor,
                    collateralPrice);
        }

        /** Names delegates by address only: credentials hold private keys. */
        @Override
        public String toString() {
            return "Settings[timelockMinDelay=" + timelockMinDelay + ", votingDelayBlocks=" + votingDelayBlocks
                    + ", votingPeriodBlocks=" + votingPeriodBlocks + ", proposalThreshold=" + proposalThreshold
                    + ", quorumPercent=" + quorumPercent + ", delegates="
                    + delegates.stream().map(Credentials::getAddress).collect(Collectors.joining(",", "[", "]"))
                    + ", delegateAllocation=" + delegateAllocation + ", endpointAllocation=" + endpointAllocation
                    + ", rateModel=" + rateModel + ", collateralFactor=" + collateralFactor
                    + ", collateralPrice=" + collateralPrice + "]";
        }

        private static void requireNonNegative(BigInteger value, String field) {
            if (value == null || value.signum() < 0) {
                throw new UserFacingException("error: " + field + " must be a non-negative integer, got " + value);
            }
        }
    }

    private final Web3j web3j;
    private final Credentials deployer;
    private final ContractGasProvider gasProvider;
    private final TransactionReceiptProcessor receipts;

    /**
     * @param receipts use a fast poller on devnets (web3j's default waits 15 s between polls)
     */
    public DaoDeployer(
            Web3j web3j, Credentials deployer, ContractGasProvider gasProvider, TransactionReceiptProcessor receipts) {
        this.web3j = web3j;
        this.deployer = deployer;
        this.gasProvider = gasProvider;
        this.receipts = receipts;
    }

    /** Deploys and wires everything; blocks until the last transaction is mined. */
    public DaoDeployment deploy(Settings settings) {
        long started = System.nanoTime();
        long chainId = call(
                "read the chain id",
                () -> web3j.ethChainId().send().getChainId().longValueExact());
        TransactionManager tm = new RawTransactionManager(web3j, deployer, chainId, receipts);
        String me = deployer.getAddress();
        LOG.info("deploying the local DAO on chain {} from {}", chainId, me);

        DemoToken asset = deploy(
                "asset token dUSD",
                DemoToken.deploy(web3j, tm, gasProvider, "Demo USD", "dUSD", BigInteger.valueOf(18), me));
        long deployBlock =
                asset.getTransactionReceipt().orElseThrow().getBlockNumber().longValueExact();
        DemoToken collateral = deploy(
                "collateral token dETH",
                DemoToken.deploy(web3j, tm, gasProvider, "Demo ETH", "dETH", BigInteger.valueOf(18), me));
        GovToken gov =
                deploy("voting token CHAOS", GovToken.deploy(web3j, tm, gasProvider, "ChaosChain DAO", "CHAOS", me));
        DaoTimelock timelock = deploy(
                "timelock",
                DaoTimelock.deploy(
                        web3j,
                        tm,
                        gasProvider,
                        BigInteger.valueOf(settings.timelockMinDelay().toSeconds()),
                        List.of(),
                        List.of(ANYONE),
                        me));
        DaoGovernor governor = deploy(
                "governor",
                DaoGovernor.deploy(
                        web3j,
                        tm,
                        gasProvider,
                        "ChaosChain DAO Governor",
                        gov.getContractAddress(),
                        timelock.getContractAddress(),
                        BigInteger.valueOf(settings.votingDelayBlocks()),
                        BigInteger.valueOf(settings.votingPeriodBlocks()),
                        settings.proposalThreshold(),
                        BigInteger.valueOf(settings.quorumPercent())));
        byte[] proposerRole =
                call("read PROPOSER_ROLE", () -> timelock.PROPOSER_ROLE().send());
        byte[] cancellerRole =
                call("read CANCELLER_ROLE", () -> timelock.CANCELLER_ROLE().send());
        byte[] adminRole = call(
                "read DEFAULT_ADMIN_ROLE", () -> timelock.DEFAULT_ADMIN_ROLE().send());
        send("grant the governor the proposer role", timelock.grantRole(proposerRole, governor.getContractAddress()));
        send("grant the governor the canceller role", timelock.grantRole(cancellerRole, governor.getContractAddress()));

        RateModel model = settings.rateModel();
        LendingMarket market = deploy(
                "lending market",
                LendingMarket.deploy(
                        web3j,
                        tm,
                        gasProvider,
                        asset.getContractAddress(),
                        collateral.getContractAddress(),
                        timelock.getContractAddress(),
                        model.baseRatePerYear(),
                        model.multiplierPerYear(),
                        model.jumpMultiplierPerYear(),
                        model.kink(),
                        model.reserveFactor(),
                        settings.collateralFactor(),
                        settings.collateralPrice()));
        AgentRegistry registry = deploy("agent registry", AgentRegistry.deploy(web3j, tm, gasProvider));
        ReputationRegistry reputation = deploy(
                "reputation registry",
                ReputationRegistry.deploy(web3j, tm, gasProvider, registry.getContractAddress()));
        ValidationRegistry validation = deploy(
                "validation registry",
                ValidationRegistry.deploy(web3j, tm, gasProvider, registry.getContractAddress()));
        GovernanceEndpoint endpoint = deploy(
                "governance endpoint",
                GovernanceEndpoint.deploy(
                        web3j,
                        tm,
                        gasProvider,
                        governor.getContractAddress(),
                        registry.getContractAddress(),
                        timelock.getContractAddress()));

        for (Credentials delegate : settings.delegates()) {
            send(
                    "mint CHAOS to delegate " + delegate.getAddress(),
                    gov.mint(delegate.getAddress(), settings.delegateAllocation()));
            fundForGas(tm, delegate.getAddress());
            GovToken asDelegate = GovToken.load(
                    gov.getContractAddress(),
                    web3j,
                    new RawTransactionManager(web3j, delegate, chainId, receipts),
                    gasProvider);
            send("self-delegate " + delegate.getAddress(), asDelegate.delegate(delegate.getAddress()));
        }
        send("mint CHAOS for the endpoint's votes", gov.mint(me, settings.endpointAllocation()));
        send("delegate the deployer's votes to the endpoint", gov.delegate(endpoint.getContractAddress()));

        send("hand CHAOS minting to the timelock", gov.transferOwnership(timelock.getContractAddress()));
        send("renounce the deployer's timelock admin role", timelock.renounceRole(adminRole, me));

        DaoDeployment deployment = new DaoDeployment(
                chainId,
                lower(asset.getContractAddress()),
                lower(collateral.getContractAddress()),
                lower(gov.getContractAddress()),
                lower(timelock.getContractAddress()),
                lower(governor.getContractAddress()),
                lower(market.getContractAddress()),
                lower(registry.getContractAddress()),
                lower(endpoint.getContractAddress()),
                lower(reputation.getContractAddress()),
                lower(validation.getContractAddress()),
                deployBlock);
        LOG.info(
                "local DAO deployed in {} ms: governor {}, timelock {}, market {}, registry {}, endpoint {},"
                        + " reputation registry {}, validation registry {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                deployment.governor(),
                deployment.timelock(),
                deployment.market(),
                deployment.registry(),
                deployment.endpoint(),
                deployment.reputationRegistry(),
                deployment.validationRegistry());
        return deployment;
    }

    private void fundForGas(TransactionManager tm, String account) {
        BigInteger balance = call(
                "read the balance of " + account,
                () -> web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST)
                        .send()
                        .getBalance());
        if (balance.compareTo(MIN_DELEGATE_GAS_MONEY) < 0) {
            call(
                    "fund " + account + " for gas",
                    () -> new Transfer(web3j, tm)
                            .sendFunds(account, DELEGATE_GAS_FUNDING, Convert.Unit.ETHER)
                            .send());
        }
    }

    private <C extends Contract> C deploy(String what, RemoteCall<C> deployment) {
        C contract = call("deploy the " + what, deployment::send);
        LOG.info("deployed the {} at {}", what, contract.getContractAddress());
        return contract;
    }

    private void send(String what, RemoteCall<TransactionReceipt> tx) {
        call(what, tx::send);
        LOG.debug("{}: done", what);
    }

    private interface ChainStep<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, ChainStep<T> step) {
        try {
            return step.run();
        } catch (TransactionException e) {
            throw new UserFacingException(
                    "error: could not " + what + ": the transaction failed (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserFacingException(
                    "error: could not " + what + ": the node did not answer (" + e.getMessage()
                            + "); check the RPC URL",
                    e);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not " + what, e);
        }
    }

    private static String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static BigInteger wad(long tokens) {
        return BigInteger.valueOf(tokens).multiply(WAD);
    }

    private static BigInteger percent(long pct) {
        return WAD.multiply(BigInteger.valueOf(pct)).divide(BigInteger.valueOf(100));
    }
}
