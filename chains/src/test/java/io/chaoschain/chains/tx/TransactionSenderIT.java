package io.chaoschain.chains.tx;

import static io.chaoschain.chains.testing.MarketFixture.wad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.CallRevertedException;
import io.chaoschain.chains.ChainBlock;
import io.chaoschain.chains.ChainTransaction;
import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.keys.DevAccounts;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.MarketFixture;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.testing.Waiter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.tx.gas.DefaultGasProvider;

@WithDevnet(revertAfterEachTest = true)
class TransactionSenderIT {
    private static Devnet chain;
    private static MarketFixture fixture;

    @BeforeAll
    static void deployMarket(Devnet devnet) {
        chain = devnet;
        fixture = MarketFixture.deploy(chain.sender(0));
    }

    @Test
    void shouldMineTwentyConcurrentSendsFromOneAccountWithDistinctNonces() throws Exception {
        TransactionSender sender = chain.sender(3);
        BigInteger startNonce = chain.client().getTransactionCount(sender.from(), BlockRef.latest());
        String recipient = DevAccounts.address(4);

        List<Callable<TxResult>> sends = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            BigInteger wei = BigInteger.valueOf(i);
            sends.add(() -> sender.send(TxRequest.transfer(recipient, wei)));
        }
        List<TxResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<TxResult> future : pool.invokeAll(sends)) {
                results.add(future.get());
            }
        }

        assertThat(results).allMatch(TxResult::success);
        List<BigInteger> nonces = new ArrayList<>();
        for (TxResult result : results) {
            ChainBlock block = chain.client().block(result.blockNumber()).orElseThrow();
            ChainTransaction tx = block.transactions().stream()
                    .filter(t -> t.hash().equals(result.hash()))
                    .findFirst()
                    .orElseThrow();
            assertThat(tx.from()).isEqualTo(sender.from());
            nonces.add(tx.nonce());
        }
        assertThat(nonces).doesNotHaveDuplicates();
        assertThat(nonces)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(0, 20)
                        .mapToObj(n -> startNonce.add(BigInteger.valueOf(n)))
                        .toList());
        assertThat(chain.client().getTransactionCount(sender.from(), BlockRef.latest()))
                .isEqualTo(startNonce.add(BigInteger.valueOf(20)));
    }

    @Test
    void shouldResyncTheNonceWhenAnotherWriterUsedIt() {
        TransactionSender sender = chain.sender(5);
        String recipient = DevAccounts.address(6);
        assertThat(sender.send(TxRequest.transfer(recipient, BigInteger.ONE)).success())
                .isTrue();

        // the same account sends behind the sender's back (Anvil signs for its unlocked dev accounts)
        String foreign = chain.client()
                .request(
                        "eth_sendTransaction",
                        List.of(Map.of("from", sender.from(), "to", recipient, "value", "0x2")),
                        String.class);
        // Anvil answers eth_sendTransaction before the receipt is queryable when the machine is busy: wait for it
        Waiter.waitFor(
                "the receipt of the foreign transaction",
                Duration.ofSeconds(10),
                () -> chain.client().receipt(foreign).isPresent());
        assertThat(chain.client().receipt(foreign))
                .as("receipt of the foreign transaction")
                .isPresent();

        TxResult result = sender.send(TxRequest.transfer(recipient, BigInteger.valueOf(3)));

        assertThat(result.success()).isTrue();
        assertThat(chain.client().getTransactionCount(sender.from(), BlockRef.latest()))
                .isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void shouldRejectABorrowAboveTheRateCeilingBeforeSendingItAndNameTheCustomError() throws Exception {
        TransactionSender lender = chain.sender(1);
        TransactionSender borrower = chain.sender(2);
        fixture.fund(lender, wad("1000"), BigInteger.ZERO);
        fixture.fund(borrower, BigInteger.ZERO, wad("1000"));
        fixture.marketAs(lender).supply(wad("1000")).send();
        fixture.marketAs(borrower).depositCollateral(wad("1000")).send();
        BigInteger nonceBefore = chain.client().getTransactionCount(borrower.from(), BlockRef.latest());

        BigInteger ceiling = wad("0.03");
        assertThatThrownBy(() -> borrower.send(TxRequest.call(fixture.market(), borrowCall(wad("500"), ceiling))))
                .isInstanceOfSatisfying(TransactionRevertedException.class, e -> {
                    assertThat(e.transactionHash()).isEmpty();
                    assertBorrowRateAboveLimit(e.reason(), wad("500"), wad("1000"), ceiling);
                });
        assertThat(chain.client().getTransactionCount(borrower.from(), BlockRef.latest()))
                .isEqualTo(nonceBefore);
    }

    @Test
    void shouldDecodeTheRevertReasonOfAMinedFailedTransaction() throws Exception {
        TransactionSender lender = chain.sender(1);
        TransactionSender borrower = chain.sender(2);
        fixture.fund(lender, wad("1000"), BigInteger.ZERO);
        fixture.fund(borrower, BigInteger.ZERO, wad("1000"));
        fixture.marketAs(lender).supply(wad("1000")).send();
        fixture.marketAs(borrower).depositCollateral(wad("1000")).send();

        BigInteger ceiling = wad("0.05");
        TxResult result = borrower.send(TxRequest.call(fixture.market(), borrowCall(wad("700"), ceiling))
                .withGasLimit(BigInteger.valueOf(300_000)));

        assertThat(result.success()).isFalse();
        assertThat(chain.client().receipt(result.hash()).orElseThrow().success())
                .isFalse();
        assertBorrowRateAboveLimit(result.revertReason().orElseThrow(), wad("700"), wad("1000"), ceiling);
        assertThatThrownBy(() -> result.requireSuccess("devnet"))
                .isInstanceOf(TransactionRevertedException.class)
                .hasMessageContaining("BorrowRateAboveLimit(borrowRatePerYear=");
    }

    @Test
    void shouldReportARevertingCallWithItsRevertData() {
        String data = borrowCall(wad("1"), wad("1"));
        assertThatThrownBy(() -> chain.client()
                        .call(
                                new io.chaoschain.chains.CallRequest(
                                        java.util.Optional.of(DevAccounts.address(7)),
                                        java.util.Optional.of(fixture.market()),
                                        BigInteger.ZERO,
                                        data,
                                        java.util.Optional.empty()),
                                BlockRef.latest()))
                .isInstanceOfSatisfying(CallRevertedException.class, e -> {
                    RevertReason reason = RevertDecoder.bundled().decode(e.revertData());
                    // nothing is supplied, so any borrow exceeds the cash
                    assertThat(reason.name()).isEqualTo("InsufficientLiquidity");
                    assertThat(reason.arg("requested")).contains(wad("1"));
                    assertThat(reason.arg("available")).contains(BigInteger.ZERO);
                });
    }

    @Test
    void shouldDeployAndTransactThroughGeneratedWrappers() throws Exception {
        TransactionSender owner = chain.sender(0);
        DemoToken token = DemoToken.deploy(
                        owner.client().web3j(),
                        owner.transactionManager(),
                        new DefaultGasProvider(),
                        "Wrapped",
                        "WRP",
                        BigInteger.valueOf(6),
                        owner.from())
                .send();
        token.mint(DevAccounts.address(8), BigInteger.valueOf(1234)).send();

        assertThat(chain.client().getCode(token.getContractAddress(), BlockRef.latest()))
                .hasSizeGreaterThan(2);
        assertThat(token.balanceOf(DevAccounts.address(8)).send()).isEqualTo(BigInteger.valueOf(1234));
        assertThat(token.decimals().send()).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void shouldFailAWrapperTransactionThatWouldRevertWithTheDecodedReason() {
        LendingMarket asStranger = fixture.marketAs(chain.sender(9));
        assertThatThrownBy(() -> asStranger.setReserveFactor(wad("0.2")).send())
                .isInstanceOfSatisfying(
                        TransactionRevertedException.class,
                        e -> assertThat(e.reason().name()).isEqualTo("OwnableUnauthorizedAccount"));
    }

    @Test
    void shouldSendEip1559TransactionsByDefaultAndLegacyWhenAsked() {
        TxResult dynamic = chain.sender(5).send(TxRequest.transfer(DevAccounts.address(6), BigInteger.TEN));
        TxResult legacy = chain.sender(
                        5, TransactionSender.Options.defaults().withFeeMode(TransactionSender.FeeMode.LEGACY))
                .send(TxRequest.transfer(DevAccounts.address(6), BigInteger.TEN));

        assertThat(typeOf(dynamic)).isEqualTo(2);
        assertThat(typeOf(legacy)).isEqualTo(0);
    }

    @Test
    void shouldReadBlocksWithTheirTransactions() {
        TxResult result = chain.sender(5)
                .send(TxRequest.call(DevAccounts.address(6), "0xabcdef").withValue(BigInteger.TWO));

        ChainBlock block = chain.client().block(result.blockNumber()).orElseThrow();
        ChainTransaction tx = block.transactions().getFirst();
        assertThat(tx.hash()).isEqualTo(result.hash());
        assertThat(tx.from()).isEqualTo(DevAccounts.address(5));
        assertThat(tx.to()).contains(DevAccounts.address(6));
        assertThat(tx.input()).isEqualTo("0xabcdef");
        assertThat(tx.value()).isEqualTo(BigInteger.TWO);
        assertThat(block.header().parentHash())
                .isEqualTo(chain.client()
                        .blockHeader(result.blockNumber() - 1)
                        .orElseThrow()
                        .hash());
        assertThat(chain.client().block(chain.blockNumber() + 100)).isEmpty();
    }

    private static int typeOf(TxResult result) {
        return chain.client().block(result.blockNumber()).orElseThrow().transactions().stream()
                .filter(t -> t.hash().equals(result.hash()))
                .findFirst()
                .orElseThrow()
                .type();
    }

    private static String borrowCall(BigInteger amount, BigInteger maxRate) {
        return FunctionEncoder.encode(
                new Function("borrow", List.of(new Uint256(amount), new Uint256(maxRate)), List.of()));
    }

    /** The rate the market reports after the borrow, from the jump-rate formula computed here independently. */
    private static void assertBorrowRateAboveLimit(
            RevertReason reason, BigInteger borrowed, BigInteger supplied, BigInteger ceiling) {
        BigInteger utilization = borrowed.multiply(MarketFixture.WAD).divide(supplied);
        BigInteger expectedRate = utilization.compareTo(MarketFixture.KINK) <= 0
                ? MarketFixture.BASE_RATE.add(
                        utilization.multiply(MarketFixture.MULTIPLIER).divide(MarketFixture.WAD))
                : MarketFixture.BASE_RATE
                        .add(MarketFixture.KINK
                                .multiply(MarketFixture.MULTIPLIER)
                                .divide(MarketFixture.WAD))
                        .add(utilization
                                .subtract(MarketFixture.KINK)
                                .multiply(MarketFixture.JUMP_MULTIPLIER)
                                .divide(MarketFixture.WAD));
        assertThat(reason.kind()).isEqualTo(RevertReason.Kind.CUSTOM_ERROR);
        assertThat(reason.name()).isEqualTo("BorrowRateAboveLimit");
        assertThat(reason.arg("borrowRatePerYear")).contains(expectedRate);
        assertThat(reason.arg("maxBorrowRatePerYear")).contains(ceiling);
    }
}
