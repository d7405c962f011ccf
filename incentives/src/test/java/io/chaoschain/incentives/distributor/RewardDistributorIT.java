package io.chaoschain.incentives.distributor;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.contracts.RewardDistributor;
import io.chaoschain.chains.testcontracts.ReentrantToken;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.Errors;
import io.chaoschain.core.Hex;
import io.chaoschain.incentives.merkle.RewardEntry;
import io.chaoschain.incentives.merkle.RewardTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class RewardDistributorIT extends DistributorFixture {
    private static final int PENDING = 1;
    private static final int ACCEPTED = 2;
    private static final int REVOKED = 3;

    private static RewardTree aliceAndBob(long aliceA, long aliceB, long bobA) {
        return RewardTree.of(
                List.of(entry(alice, tokenA, aliceA), entry(alice, tokenB, aliceB), entry(bob, tokenA, bobA)));
    }

    private static BigInteger epochAcceptableAt(long epoch) throws Exception {
        return distributor(relayer).epochRoot(BigInteger.valueOf(epoch)).send().acceptableAt;
    }

    // ---------------------------------------------------------------- claims

    @Test
    void shouldPayEveryEntryOfAJavaBuiltTreeToItsAccountWhoeverSendsTheClaim() throws Exception {
        Random random = new Random(7);
        List<RewardEntry> entries = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String account = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
            entries.add(new RewardEntry(
                    account, i % 3 == 0 ? tokenB : tokenA, BigInteger.valueOf(1 + random.nextInt(1_000_000))));
        }
        RewardTree tree = RewardTree.of(entries);
        publish(1, tree);
        assertThat(distributor(relayer).currentRoot().send()).isEqualTo(tree.rootBytes());
        for (int i = 0; i < entries.size(); i++) {
            RewardEntry e = entries.get(i);
            TransactionReceipt receipt = claim(relayer, tree, i).send();
            RewardDistributor.ClaimedEventResponse event =
                    RewardDistributor.getClaimedEvents(receipt).getFirst();
            assertThat(event.account).isEqualToIgnoringCase(e.account());
            assertThat(event.amount).isEqualTo(e.amount());
            assertThat(balance(e.token(), e.account())).isEqualTo(e.amount());
            assertThat(distributor(relayer).claimed(e.account(), e.token()).send())
                    .isEqualTo(e.amount());
        }
        assertThat(balance(tokenA, relayer.getAddress())).isZero();
    }

    @Test
    void shouldPayOnlyTheIncreaseOfACumulativeAmountAndEachTokenSeparately() throws Exception {
        RewardTree first = aliceAndBob(100, 40, 7);
        publish(1, first);
        claim(alice, first, 0).send();
        RewardTree second = aliceAndBob(250, 40, 9);
        publish(2, second);
        TransactionReceipt receipt = claim(bob, second, 0).send();
        RewardDistributor.ClaimedEventResponse event =
                RewardDistributor.getClaimedEvents(receipt).getFirst();
        assertThat(event.amount).isEqualTo(BigInteger.valueOf(150));
        assertThat(event.cumulativeAmount).isEqualTo(BigInteger.valueOf(250));
        claim(bob, second, 1).send();
        claim(bob, second, 2).send();
        assertThat(balance(tokenA, alice.getAddress())).isEqualTo(BigInteger.valueOf(250));
        assertThat(balance(tokenB, alice.getAddress())).isEqualTo(BigInteger.valueOf(40));
        assertThat(balance(tokenA, bob.getAddress())).isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void shouldRevertASecondClaimOfTheSameCumulativeAmount() throws Exception {
        RewardTree tree = aliceAndBob(100, 40, 7);
        publish(1, tree);
        claim(alice, tree, 0).send();
        assertThat(revertOf(relayer, claim(relayer, tree, 0)))
                .isEqualTo(Errors.of(
                        "NothingToClaim", address(alice.getAddress()), address(tokenA), uint(100), uint(100)));
        assertThat(balance(tokenA, alice.getAddress())).isEqualTo(BigInteger.valueOf(100));
    }

    @Test
    void shouldRevertAProofOfAnotherEntryOrAnotherAmount() throws Exception {
        RewardTree tree = aliceAndBob(100, 40, 7);
        publish(1, tree);
        RewardDistributor d = distributor(bob);
        assertThat(revertOf(bob, d.claim(bob.getAddress(), tokenA, BigInteger.valueOf(7), tree.proof(0))))
                .isEqualTo(Errors.of("InvalidProof"));
        assertThat(revertOf(bob, d.claim(bob.getAddress(), tokenA, BigInteger.valueOf(8), tree.proof(2))))
                .isEqualTo(Errors.of("InvalidProof"));
        assertThat(revertOf(bob, d.claim(bob.getAddress(), tokenB, BigInteger.valueOf(7), tree.proof(2))))
                .isEqualTo(Errors.of("InvalidProof"));
    }

    @Test
    void shouldNotPayFromARootThatIsOnlyPending() throws Exception {
        RewardTree tree = aliceAndBob(100, 40, 7);
        propose(1, tree);
        assertThat(revertOf(alice, claim(alice, tree, 0))).isEqualTo(Errors.of("NoAcceptedRoot"));
        assertThat(revertOf(relayer, distributor(relayer).acceptRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("ChallengeWindowOpen", uint(1), new Uint64(epochAcceptableAt(1))));

        publish(2, tree);
        RewardTree later = aliceAndBob(500, 40, 7);
        propose(3, later);
        assertThat(revertOf(alice, claim(alice, later, 0))).isEqualTo(Errors.of("InvalidProof"));
    }

    // ---------------------------------------------------------------- roots

    @Test
    void shouldRefuseToAcceptARevokedRootAndLetThePublisherProposeAgain() throws Exception {
        RewardTree wrong = aliceAndBob(1_000_000, 40, 7);
        propose(1, wrong);
        TransactionReceipt revoked =
                distributor(guardian).revokeRoot(BigInteger.ONE).send();
        assertThat(RewardDistributor.getRootRevokedEvents(revoked).getFirst().root)
                .isEqualTo(wrong.rootBytes());
        passWindow();
        assertThat(revertOf(relayer, distributor(relayer).acceptRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("RootNotPending", uint(1), new Uint8(REVOKED)));
        assertThat(revertOf(alice, claim(alice, wrong, 0))).isEqualTo(Errors.of("NoAcceptedRoot"));

        RewardTree right = aliceAndBob(100, 40, 7);
        publish(1, right);
        claim(alice, right, 0).send();
        assertThat(balance(tokenA, alice.getAddress())).isEqualTo(BigInteger.valueOf(100));
    }

    @Test
    void shouldLetOnlyTheGuardianRevokeAndOnlyInsideTheWindow() throws Exception {
        propose(1, aliceAndBob(1, 1, 1));
        assertThat(revertOf(publisher, distributor(publisher).revokeRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("OwnableUnauthorizedAccount", address(publisher.getAddress())));
        passWindow();
        assertThat(revertOf(guardian, distributor(guardian).revokeRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("ChallengeWindowOver", uint(1), new Uint64(epochAcceptableAt(1))));
        assertThat(revertOf(guardian, distributor(guardian).revokeRoot(BigInteger.TWO)))
                .isEqualTo(Errors.of("RootNotPending", uint(2), new Uint8(0)));
    }

    @Test
    void shouldAcceptRootsOnlyFromTheAppointedPublisher() throws Exception {
        RewardTree tree = aliceAndBob(1, 1, 1);
        RewardDistributor asStranger = distributor(alice);
        assertThat(revertOf(alice, asStranger.proposeRoot(BigInteger.ONE, tree.rootBytes(), REPORT_HASH)))
                .isEqualTo(Errors.of("NotPublisher", address(alice.getAddress())));
        assertThat(revertOf(alice, asStranger.setPublisher(alice.getAddress())))
                .isEqualTo(Errors.of("OwnableUnauthorizedAccount", address(alice.getAddress())));

        distributor(guardian).setPublisher(bob.getAddress()).send();
        assertThat(revertOf(
                        publisher, distributor(publisher).proposeRoot(BigInteger.ONE, tree.rootBytes(), REPORT_HASH)))
                .isEqualTo(Errors.of("NotPublisher", address(publisher.getAddress())));
        distributor(bob)
                .proposeRoot(BigInteger.ONE, tree.rootBytes(), REPORT_HASH)
                .send();
        assertThat(distributor(relayer).epochRoot(BigInteger.ONE).send().status.intValueExact())
                .isEqualTo(PENDING);
    }

    @Test
    void shouldRejectAnEmptyRootOrReportAndAnEpochAlreadyPending() throws Exception {
        RewardTree tree = aliceAndBob(1, 1, 1);
        RewardDistributor d = distributor(publisher);
        assertThat(revertOf(publisher, d.proposeRoot(BigInteger.ONE, new byte[32], REPORT_HASH)))
                .isEqualTo(Errors.of("EmptyRoot"));
        assertThat(revertOf(publisher, d.proposeRoot(BigInteger.ONE, tree.rootBytes(), new byte[32])))
                .isEqualTo(Errors.of("EmptyReportHash"));
        propose(1, tree);
        assertThat(revertOf(
                        publisher,
                        d.proposeRoot(BigInteger.ONE, aliceAndBob(2, 2, 2).rootBytes(), REPORT_HASH)))
                .isEqualTo(Errors.of("RootAlreadyProposed", uint(1), new Uint8(PENDING)));
        passWindow();
        d.acceptRoot(BigInteger.ONE).send();
        assertThat(revertOf(publisher, d.proposeRoot(BigInteger.ONE, tree.rootBytes(), REPORT_HASH)))
                .isEqualTo(Errors.of("EpochObsolete", uint(1), uint(1)));
        assertThat(revertOf(relayer, distributor(relayer).acceptRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("RootNotPending", uint(1), new Uint8(ACCEPTED)));
    }

    @Test
    void shouldQueueANewEpochsRootWithoutResettingAnOlderOneStillInItsWindow() throws Exception {
        RewardTree one = aliceAndBob(100, 0, 0);
        RewardTree two = aliceAndBob(200, 0, 0);
        propose(1, one);
        BigInteger oneAcceptableAt = epochAcceptableAt(1);
        devnet.increaseTime(WINDOW / 2);
        devnet.mine(1);
        propose(2, two);
        RewardDistributor.EpochRoot first =
                distributor(relayer).epochRoot(BigInteger.ONE).send();
        assertThat(first.root).isEqualTo(one.rootBytes());
        assertThat(first.acceptableAt).isEqualTo(oneAcceptableAt);
        assertThat(first.status.intValueExact()).isEqualTo(PENDING);

        devnet.increaseTime(WINDOW / 2 + 1);
        devnet.mine(1);
        distributor(relayer).acceptRoot(BigInteger.ONE).send();
        assertThat(revertOf(relayer, distributor(relayer).acceptRoot(BigInteger.TWO)))
                .isEqualTo(Errors.of("ChallengeWindowOpen", uint(2), new Uint64(epochAcceptableAt(2))));
        claim(alice, one, 0).send();
        passWindow();
        distributor(relayer).acceptRoot(BigInteger.TWO).send();
        claim(alice, two, 0).send();
        assertThat(balance(tokenA, alice.getAddress())).isEqualTo(BigInteger.valueOf(200));
    }

    @Test
    void shouldMakeOlderPendingEpochsObsoleteOnceANewerOneIsAccepted() throws Exception {
        propose(1, aliceAndBob(100, 0, 0));
        distributor(guardian).setChallengeWindow(BigInteger.valueOf(60)).send();
        propose(2, aliceAndBob(200, 0, 0));
        devnet.increaseTime(61);
        devnet.mine(1);
        distributor(relayer).acceptRoot(BigInteger.TWO).send();
        passWindow();
        assertThat(revertOf(relayer, distributor(relayer).acceptRoot(BigInteger.ONE)))
                .isEqualTo(Errors.of("EpochObsolete", uint(1), uint(2)));
    }

    // ---------------------------------------------------------------- signed reports

    @Test
    void shouldTakeAProposalRelayedWithThePublishersEip712Signature() throws Exception {
        RewardTree tree = aliceAndBob(100, 40, 7);
        EpochRootAuthorization auth = new EpochRootAuthorization(
                Devnet.CHAIN_ID, distributor, BigInteger.ONE, tree.root(), Hex.encode(REPORT_HASH));
        assertThat(distributor(relayer)
                        .epochRootDigest(BigInteger.ONE, tree.rootBytes(), REPORT_HASH)
                        .send())
                .isEqualTo(auth.digest());
        TransactionReceipt receipt = distributor(relayer)
                .proposeRootWithSignature(BigInteger.ONE, tree.rootBytes(), REPORT_HASH, auth.signWith(publisher))
                .send();
        RewardDistributor.RootProposedEventResponse event =
                RewardDistributor.getRootProposedEvents(receipt).getFirst();
        assertThat(event.root).isEqualTo(tree.rootBytes());
        assertThat(event.reportHash).isEqualTo(REPORT_HASH);
        assertThat(distributor(relayer).epochRoot(BigInteger.ONE).send().reportHash)
                .isEqualTo(REPORT_HASH);
    }

    @Test
    void shouldRefuseASignatureMadeForAnotherChainContractEpochOrSigner() throws Exception {
        RewardTree tree = aliceAndBob(100, 40, 7);
        String report = Hex.encode(REPORT_HASH);
        List<byte[]> forged = List.of(
                new EpochRootAuthorization(1, distributor, BigInteger.ONE, tree.root(), report).signWith(publisher),
                new EpochRootAuthorization(Devnet.CHAIN_ID, tokenA, BigInteger.ONE, tree.root(), report)
                        .signWith(publisher),
                new EpochRootAuthorization(Devnet.CHAIN_ID, distributor, BigInteger.TWO, tree.root(), report)
                        .signWith(publisher),
                new EpochRootAuthorization(Devnet.CHAIN_ID, distributor, BigInteger.ONE, tree.root(), report)
                        .signWith(alice));
        for (byte[] signature : forged) {
            assertThat(revertOf(
                            relayer,
                            distributor(relayer)
                                    .proposeRootWithSignature(
                                            BigInteger.ONE, tree.rootBytes(), REPORT_HASH, signature)))
                    .isEqualTo(Errors.of("InvalidPublisherSignature"));
        }
    }

    // ---------------------------------------------------------------- hostile token

    @Test
    void shouldStopATokenThatReentersClaimFromBeingPaidTwice() throws Exception {
        ReentrantToken hostile = ReentrantToken.deploy(devnet.web3j(), devnet.txManager(deployer), devnet.gas())
                .send();
        String token = hostile.getContractAddress();
        hostile.mint(distributor, BigInteger.valueOf(1_000)).send();
        RewardTree tree = RewardTree.of(List.of(entry(alice, token, 100), entry(bob, tokenA, 5)));
        publish(1, tree);
        hostile.arm(distributor, alice.getAddress(), BigInteger.valueOf(100), tree.proof(0))
                .send();

        assertThat(revertOf(relayer, claim(relayer, tree, 0))).isEqualTo(Errors.of("ReentrancyGuardReentrantCall"));
        assertThat(hostile.balanceOf(alice.getAddress()).send()).isZero();
        assertThat(distributor(relayer).claimed(alice.getAddress(), token).send())
                .isZero();
    }

    @Test
    void shouldPayTheAccountNotTheSender() throws Exception {
        Credentials outsider = Credentials.create(Keys.createEcKeyPair());
        RewardTree tree = aliceAndBob(100, 40, 7);
        publish(1, tree);
        devnet.fund(outsider.getAddress());
        claim(outsider, tree, 2).send();
        assertThat(balance(tokenA, bob.getAddress())).isEqualTo(BigInteger.valueOf(7));
        assertThat(balance(tokenA, outsider.getAddress())).isZero();
    }
}
