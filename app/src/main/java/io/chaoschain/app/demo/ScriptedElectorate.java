package io.chaoschain.app.demo;

import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.core.proposal.ProposalState;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The demo's stand-in for a DAO's voters and for the passage of time: when a proposal appears it waits out the voting
 * delay, has each delegate vote as scripted, mines through the voting period, and once the proposal is queued warps
 * past the timelock delay. Everything it does is an ordinary transaction or an Anvil time RPC; the node under
 * demonstration does the rest (queue, execute, record) on its own.
 */
final class ScriptedElectorate {
    /** Support values of GovernorCountingSimple. */
    static final int AGAINST = 0;

    static final int FOR = 1;

    private final Web3j web3j;
    private final AnvilRpc anvil;
    private final DaoGovernor reader;
    private final List<DaoGovernor> delegates;
    private final List<Integer> ballots;
    private final long votingDelay;
    private final long votingPeriod;
    private final long timelockDelay;
    private final Consumer<String> progress;
    private final Set<BigInteger> voted = new HashSet<>();
    private final Set<BigInteger> warped = new HashSet<>();

    ScriptedElectorate(
            Web3j web3j,
            AnvilRpc anvil,
            long chainId,
            String governor,
            List<Credentials> delegateKeys,
            List<Integer> ballots,
            long votingDelay,
            long votingPeriod,
            long timelockDelay,
            Consumer<String> progress) {
        this.web3j = web3j;
        this.anvil = anvil;
        StaticGasProvider gas = new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(500_000));
        this.reader = DaoGovernor.load(governor, web3j, delegateKeys.getFirst(), gas);
        this.delegates = delegateKeys.stream()
                .map(c -> DaoGovernor.load(
                        governor,
                        web3j,
                        new RawTransactionManager(
                                web3j, c, chainId, new PollingTransactionReceiptProcessor(web3j, 25, 800)),
                        gas))
                .toList();
        this.ballots = List.copyOf(ballots);
        this.votingDelay = votingDelay;
        this.votingPeriod = votingPeriod;
        this.timelockDelay = timelockDelay;
        this.progress = progress;
    }

    /** Moves {@code proposalId} one step along, if the electorate has something to do for it now. */
    void advance(BigInteger proposalId) throws Exception {
        ProposalState state =
                ProposalState.fromGovernor(reader.state(proposalId).send().intValue());
        switch (state) {
            case PENDING -> anvil.mine(votingDelay + 1);
            case ACTIVE -> {
                if (voted.add(proposalId)) {
                    for (int i = 0; i < delegates.size(); i++) {
                        int support = ballots.get(i % ballots.size());
                        delegates
                                .get(i)
                                .castVoteWithReason(
                                        proposalId,
                                        BigInteger.valueOf(support),
                                        support == FOR ? "simulation evidence is convincing" : "prefer a smaller step")
                                .send();
                        progress.accept("delegate " + (i + 1) + " voted " + (support == FOR ? "FOR" : "AGAINST"));
                    }
                    progress.accept("mining through the " + votingPeriod + "-block voting period");
                    anvil.mine(votingPeriod + 1);
                }
            }
            case QUEUED -> {
                if (warped.add(proposalId)) {
                    progress.accept("warping " + timelockDelay + " s past the timelock delay");
                    anvil.increaseTime(timelockDelay + 1);
                }
            }
            default -> {}
        }
    }
}
