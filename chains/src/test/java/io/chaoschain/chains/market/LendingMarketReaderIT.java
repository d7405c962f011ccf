package io.chaoschain.chains.market;

import static io.chaoschain.chains.testing.MarketFixture.WAD;
import static io.chaoschain.chains.testing.MarketFixture.wad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.ChainException;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.MarketFixture;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Checks the reader against values computed here from raw storage slots (located through the compiler's storage
 * layout) with the jump-rate formulas re-implemented independently, and against the amounts the test moved itself.
 */
@WithDevnet
class LendingMarketReaderIT {
    private static final long PINNED_TIME = 1_900_000_000L;
    private static Devnet chain;
    private static MarketFixture fixture;
    private static LendingMarketReader reader;
    private static JsonNode artifacts;

    private static long deployedAt;
    private static long firstBorrowBlock;
    private static long accrualBlock;
    private static long lastBlock;

    @BeforeAll
    static void buildHistory(Devnet devnet) throws Exception {
        chain = devnet;
        fixture = MarketFixture.deploy(chain.sender(0));
        deployedAt = chain.blockNumber();
        reader = new LendingMarketReader(chain.client());
        try (InputStream in =
                LendingMarketReaderIT.class.getResourceAsStream("/io/chaoschain/chains/contracts/combined.json")) {
            artifacts = new ObjectMapper().readTree(in);
        }
        TransactionSender lender = chain.sender(1);
        TransactionSender borrower = chain.sender(2);
        fixture.fund(lender, wad("10000"), BigInteger.ZERO);
        fixture.fund(borrower, wad("500"), wad("5000"));
        fixture.marketAs(lender).supply(wad("1000")).send();
        fixture.marketAs(borrower).depositCollateral(wad("5000")).send();
        firstBorrowBlock = fixture.marketAs(borrower)
                .borrow(wad("600"), wad("1"))
                .send()
                .getBlockNumber()
                .longValueExact();
        // a month of interest, so that reserves and the borrow index move
        chain.client().request("evm_increaseTime", List.of(30 * 24 * 3600), Object.class);
        accrualBlock = fixture.marketAs(lender)
                .accrueInterest()
                .send()
                .getBlockNumber()
                .longValueExact();
        fixture.marketAs(lender).supply(wad("250")).send();
        fixture.marketAs(borrower).borrow(wad("300"), wad("1")).send();
        chain.client().request("evm_setNextBlockTimestamp", List.of(PINNED_TIME), Object.class);
        lastBlock = fixture.marketAs(lender)
                .supply(wad("40"))
                .send()
                .getBlockNumber()
                .longValueExact();
    }

    @Test
    void shouldMatchAStateComputedFromRawStorageSlots() {
        for (long block : List.of(firstBorrowBlock, accrualBlock, lastBlock)) {
            MarketSnapshot snapshot = reader.snapshot(fixture.market(), block);
            RawState raw = RawState.read(block);

            assertThat(snapshot.market()).isEqualTo(fixture.market());
            assertThat(snapshot.blockNumber()).isEqualTo(block);
            assertThat(snapshot.totalBorrows()).isEqualByComparingTo(fraction(raw.borrows));
            assertThat(snapshot.cash()).isEqualByComparingTo(fraction(raw.cash));
            assertThat(snapshot.reserves()).isEqualByComparingTo(fraction(raw.reserves));
            assertThat(snapshot.utilization()).isEqualByComparingTo(fraction(raw.utilization()));
            assertThat(snapshot.borrowApr()).isEqualByComparingTo(fraction(raw.borrowRate()));
            assertThat(snapshot.supplyApr()).isEqualByComparingTo(fraction(raw.supplyRate()));
        }
    }

    @Test
    void shouldReadTheStateAtTheRequestedBlockNotTheHead() {
        MarketSnapshot early = reader.snapshot(fixture.market(), firstBorrowBlock);
        MarketSnapshot late = reader.snapshot(fixture.market(), lastBlock);

        assertThat(early.totalBorrows()).isEqualByComparingTo("600");
        assertThat(early.reserves()).isEqualByComparingTo("0");
        assertThat(early.utilization()).isEqualByComparingTo("0.6");
        assertThat(early.borrowApr()).isEqualByComparingTo("0.08"); // 2 % + 0.6 * 10 %
        assertThat(late.totalBorrows()).isGreaterThan(new BigDecimal("900"));
        assertThat(late.reserves()).isPositive();
    }

    @Test
    void shouldReportTheBlockTimestamp() {
        assertThat(reader.snapshot(fixture.market(), lastBlock).blockTime())
                .isEqualTo(Instant.ofEpochSecond(PINNED_TIME));
    }

    @Test
    void shouldSumSupplyAndBorrowVolumeOverTheBlocksSinceThePreviousSnapshot() {
        MarketSnapshot sinceAccrual = reader.snapshot(fixture.market(), lastBlock, accrualBlock);
        MarketSnapshot whole = reader.snapshot(fixture.market(), lastBlock, deployedAt);
        MarketSnapshot single = reader.snapshot(fixture.market(), firstBorrowBlock);

        assertThat(sinceAccrual.supplyVolume()).isEqualByComparingTo("290");
        assertThat(sinceAccrual.borrowVolume()).isEqualByComparingTo("300");
        assertThat(whole.supplyVolume()).isEqualByComparingTo("1290");
        assertThat(whole.borrowVolume()).isEqualByComparingTo("900");
        assertThat(single.supplyVolume()).isEqualByComparingTo("0");
        assertThat(single.borrowVolume()).isEqualByComparingTo("600");
    }

    @Test
    void shouldReadTheRateModelAsStored() {
        RateModel model = reader.rateModel(fixture.market(), lastBlock);
        RawState raw = RawState.read(lastBlock);

        assertThat(model).isEqualTo(new RateModel(raw.base, raw.multiplier, raw.jump, raw.kink, raw.reserveFactor));
        assertThat(model.kink()).isEqualTo(MarketFixture.KINK);
    }

    @Test
    void shouldCollectASeriesEveryStepBlocksEndingAtTheLastBlock() {
        long from = deployedAt + 1;
        MetricSeries series = new MetricSeries(reader);

        List<MarketSnapshot> snapshots = series.collect(fixture.market(), from, lastBlock, 3);

        List<Long> expectedBlocks = new java.util.ArrayList<>();
        for (long b = from; b <= lastBlock; b += 3) {
            expectedBlocks.add(b);
        }
        if (expectedBlocks.getLast() != lastBlock) {
            expectedBlocks.add(lastBlock);
        }
        assertThat(snapshots).extracting(MarketSnapshot::blockNumber).containsExactlyElementsOf(expectedBlocks);
        long previous = from - 3;
        for (MarketSnapshot snapshot : snapshots) {
            assertThat(snapshot).isEqualTo(reader.snapshot(fixture.market(), snapshot.blockNumber(), previous));
            previous = snapshot.blockNumber();
        }
        assertThat(snapshots.stream().map(MarketSnapshot::supplyVolume).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1290");
        assertThat(snapshots.stream().map(MarketSnapshot::borrowVolume).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("900");
    }

    @Test
    void shouldRefuseToReadAMarketBeforeItWasDeployed() {
        assertThatThrownBy(() -> reader.snapshot(fixture.market(), deployedAt - 1))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("returned nothing at block " + (deployedAt - 1));
    }

    // ---------------------------------------------------------------- independent computation

    private static BigDecimal fraction(BigInteger wadValue) {
        return new BigDecimal(wadValue).divide(new BigDecimal(WAD));
    }

    /** The market's state straight from storage, with the model's formulas computed in Java. */
    private record RawState(
            BigInteger base,
            BigInteger multiplier,
            BigInteger jump,
            BigInteger kink,
            BigInteger reserveFactor,
            BigInteger borrows,
            BigInteger reserves,
            BigInteger cash) {

        static RawState read(long block) {
            return new RawState(
                    slot("baseRatePerYear", block),
                    slot("multiplierPerYear", block),
                    slot("jumpMultiplierPerYear", block),
                    slot("kink", block),
                    slot("reserveFactor", block),
                    slot("totalBorrows", block),
                    slot("totalReserves", block),
                    assetBalanceOfMarket(block));
        }

        BigInteger utilization() {
            if (borrows.signum() == 0) {
                return BigInteger.ZERO;
            }
            BigInteger supplied = cash.add(borrows).subtract(reserves);
            return borrows.multiply(WAD).divide(supplied).min(WAD);
        }

        BigInteger borrowRate() {
            BigInteger u = utilization();
            if (u.compareTo(kink) <= 0) {
                return base.add(u.multiply(multiplier).divide(WAD));
            }
            BigInteger atKink = base.add(kink.multiply(multiplier).divide(WAD));
            return atKink.add(u.subtract(kink).multiply(jump).divide(WAD));
        }

        BigInteger supplyRate() {
            return borrowRate()
                    .multiply(utilization())
                    .divide(WAD)
                    .multiply(WAD.subtract(reserveFactor))
                    .divide(WAD);
        }
    }

    private static BigInteger slot(String label, long block) {
        BigInteger slot = slotOf("LendingMarket", label);
        return Numeric.toBigInt(chain.client().getStorageAt(fixture.market(), slot, BlockRef.at(block)));
    }

    /** DemoToken's {@code _balances[market]}: keccak256(pad(market) . pad(slot)). */
    private static BigInteger assetBalanceOfMarket(long block) {
        String key = Numeric.toHexStringNoPrefixZeroPadded(Numeric.toBigInt(fixture.market()), 64)
                + Numeric.toHexStringNoPrefixZeroPadded(slotOf("DemoToken", "_balances"), 64);
        BigInteger slot = Numeric.toBigInt(Hash.sha3("0x" + key));
        return Numeric.toBigInt(chain.client().getStorageAt(fixture.asset(), slot, BlockRef.at(block)));
    }

    private static BigInteger slotOf(String contract, String label) {
        for (JsonNode entry : artifacts.path(contract).path("storageLayout").path("storage")) {
            if (entry.path("label").asText().equals(label)) {
                return new BigInteger(entry.path("slot").asText());
            }
        }
        throw new IllegalStateException(contract + " has no storage variable " + label);
    }
}
