package io.chaoschain.incentives.distributor;

import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.RewardDistributor;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.incentives.merkle.RewardEntry;
import io.chaoschain.incentives.merkle.RewardTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One Anvil per test class with two reward tokens and a {@code RewardDistributor} funded with both; the guardian (the
 * DAO's part) and the publisher are dev accounts. Every test starts from the same snapshot.
 */
@WithDevnet(revertAfterEachTest = true)
abstract class DistributorFixture {
    static final long WINDOW = 3_600;
    static final BigInteger FUNDING = BigInteger.TEN.pow(30);
    static final byte[] REPORT_HASH = Hash.sha3("epoch report".getBytes(StandardCharsets.UTF_8));

    static Devnet devnet;
    static Credentials deployer;
    static Credentials guardian;
    static Credentials publisher;
    static Credentials alice;
    static Credentials bob;
    static Credentials relayer;
    static String tokenA;
    static String tokenB;
    static String distributor;

    @BeforeAll
    static void deploy(Devnet devnet) throws Exception {
        DistributorFixture.devnet = devnet;
        deployer = devnet.account(0);
        guardian = devnet.account(1);
        publisher = devnet.account(2);
        alice = devnet.account(3);
        bob = devnet.account(4);
        relayer = devnet.account(6);
        tokenA = token("Reward A", "RWA");
        tokenB = token("Reward B", "RWB");
        distributor = RewardDistributor.deploy(
                        devnet.web3j(),
                        devnet.txManager(deployer),
                        devnet.gas(),
                        guardian.getAddress(),
                        publisher.getAddress(),
                        BigInteger.valueOf(WINDOW))
                .send()
                .getContractAddress();
        for (String token : List.of(tokenA, tokenB)) {
            tokenAs(token, deployer).mint(distributor, FUNDING).send();
        }
    }

    static String token(String name, String symbol) throws Exception {
        return DemoToken.deploy(
                        devnet.web3j(),
                        devnet.txManager(deployer),
                        devnet.gas(),
                        name,
                        symbol,
                        BigInteger.valueOf(18),
                        deployer.getAddress())
                .send()
                .getContractAddress();
    }

    static DemoToken tokenAs(String token, Credentials who) {
        return DemoToken.load(token, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static BigInteger balance(String token, String account) throws Exception {
        return tokenAs(token, relayer).balanceOf(account).send();
    }

    static RewardDistributor distributor(Credentials who) {
        return RewardDistributor.load(distributor, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    static String revertOf(Credentials from, RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), distributor, call.encodeFunctionCall());
    }

    static TransactionReceipt propose(long epoch, RewardTree tree) throws Exception {
        return distributor(publisher)
                .proposeRoot(BigInteger.valueOf(epoch), tree.rootBytes(), REPORT_HASH)
                .send();
    }

    /** Lets the challenge window of everything proposed so far pass. */
    static void passWindow() {
        devnet.increaseTime(WINDOW + 1);
        devnet.mine(1);
    }

    static void publish(long epoch, RewardTree tree) throws Exception {
        propose(epoch, tree);
        passWindow();
        distributor(relayer).acceptRoot(BigInteger.valueOf(epoch)).send();
    }

    static RemoteFunctionCall<TransactionReceipt> claim(Credentials sender, RewardTree tree, int index) {
        RewardEntry e = tree.entries().get(index);
        return distributor(sender).claim(e.account(), e.token(), e.amount(), tree.proof(index));
    }

    static RewardEntry entry(Credentials account, String token, long amount) {
        return new RewardEntry(account.getAddress(), token, BigInteger.valueOf(amount));
    }
}
