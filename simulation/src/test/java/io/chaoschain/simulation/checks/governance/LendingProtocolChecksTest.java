package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.ActionExecution;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** C8 and C10 on a Compound-style protocol found through its Comptroller, with no check configuration. */
class LendingProtocolChecksTest {
    private static final String COMPTROLLER = "0xc000000000000000000000000000000000000c01";
    private static final String USD_MARKET = "0xa000000000000000000000000000000000000a01";
    private static final String ETH_MARKET = "0xa000000000000000000000000000000000000a02";
    private static final String ETH = "0xe000000000000000000000000000000000000e01";
    private static final String OLD_ORACLE = "0x0000000000000000000000000000000000000d01";
    private static final String NEW_ORACLE = "0x0000000000000000000000000000000000000d02";
    private static final String FEED = "0xf000000000000000000000000000000000000f01";
    private static final String PAIR = "0xb000000000000000000000000000000000000b01";
    private static final BigInteger WAD = Evm.WAD;

    /** A Comptroller listing two markets, moved from OLD_ORACLE to NEW_ORACLE by the proposal. */
    private static FakeChain protocol() {
        String markets = "0x" + word(32) + word(2) + word(USD_MARKET) + word(ETH_MARKET);
        return new FakeChain()
                .answersRaw(COMPTROLLER, Evm.encode("getAllMarkets()"), markets)
                .answers(COMPTROLLER, Evm.encode("oracle()"), FakeChain.PRE, address(OLD_ORACLE))
                .answers(COMPTROLLER, Evm.encode("oracle()"), FakeChain.POST, address(NEW_ORACLE))
                .answers(OLD_ORACLE, price(USD_MARKET), WAD)
                .answers(OLD_ORACLE, price(ETH_MARKET), WAD.multiply(BigInteger.valueOf(2_000)))
                .answers(NEW_ORACLE, price(USD_MARKET), WAD);
    }

    private static CheckResult c8(FakeChain chain, CheckSettings settings) {
        ActionExecution a = FakeChain.action(0, COMPTROLLER, "_setPriceOracle(address)", List.of(), NEW_ORACLE);
        return new ProtocolInvariantsCheck()
                .evaluate(
                        chain.evidence("_setPriceOracle on " + COMPTROLLER, List.of(a), List.of(), Map.of()), settings);
    }

    @Test
    void shouldFailWhenAListedMarketsPriceRevertsUnderTheNewOracle() {
        CheckResult r = c8(protocol(), CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("price of listed market " + ETH_MARKET + " reverts after the proposal");
    }

    @Test
    void shouldPassWhenTheNewOraclePricesEveryMarketAlike() {
        FakeChain chain = protocol().answers(NEW_ORACLE, price(ETH_MARKET), WAD.multiply(BigInteger.valueOf(1_990)));

        assertThat(c8(chain, CheckSettings.defaults()).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailWhenAPriceJumpsBeyondTheFactor() {
        FakeChain chain =
                protocol().answers(NEW_ORACLE, price(ETH_MARKET), WAD.multiply(BigInteger.valueOf(2_000 * 50)));

        CheckResult r = c8(chain, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("beyond a factor of 10");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidAccountLimit() {
        CheckSettings settings = CheckSettings.parse("{\"checks\":{\"C8\":{\"maxAccounts\":5000}}}", false, "t.json");

        assertThatThrownBy(() -> c8(protocol(), settings))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("--checks-config: checks.C8.maxAccounts must be between 0 and 1000");
    }

    /** The proposal makes pETH collateral; the oracle prices it from FEED. */
    private static FakeChain collateralOnFeed() {
        String markets = "0x" + word(32) + word(2) + word(USD_MARKET) + word(ETH_MARKET);
        return new FakeChain()
                .answersRaw(COMPTROLLER, Evm.encode("getAllMarkets()"), markets)
                .answers(COMPTROLLER, Evm.encode("oracle()"), address(NEW_ORACLE))
                .answers(NEW_ORACLE, price(USD_MARKET), WAD)
                .answers(NEW_ORACLE, price(ETH_MARKET), WAD.multiply(BigInteger.valueOf(2_000)))
                .answers(NEW_ORACLE, Evm.encode("feeds(address)", ETH_MARKET), address(FEED))
                .answers(ETH_MARKET, Evm.encode("underlying()"), address(ETH))
                .contract(FEED);
    }

    private static CheckResult c10(FakeChain chain) {
        ActionExecution a = FakeChain.action(
                0,
                COMPTROLLER,
                "_setCollateralFactor(address,uint256)",
                List.of(),
                ETH_MARKET,
                WAD.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(4)));
        return new RiskyParametersCheck()
                .evaluate(
                        chain.evidence("_setCollateralFactor on " + COMPTROLLER, List.of(a), List.of(), Map.of()),
                        CheckSettings.of(Set.of(), Set.of(), null));
    }

    private static String setterCode(String signature) {
        return "0x63" + Evm.selector(signature).substring(2) + "0000";
    }

    @Test
    void shouldFailCollateralWhoseFeedAnyoneCanUpdate() {
        String update = Evm.encode("updateAnswer(int256)", BigInteger.ONE);
        FakeChain chain = collateralOnFeed()
                .answers(FEED, update, BigInteger.ZERO)
                .code(FEED, setterCode("updateAnswer(int256)"));

        CheckResult r = c10(chain);

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary())
                .contains("price source " + FEED + " of market " + ETH_MARKET + " is writable by anyone")
                .contains("updateAnswer(int256)");
    }

    @Test
    void shouldPassAFeedWhoseSetterRevertsForStrangers() {
        FakeChain chain = collateralOnFeed().code(FEED, setterCode("updateAnswer(int256)"));

        assertThat(c10(chain).status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldNotTryASetterWhoseSelectorIsNotInTheCode() {
        String update = Evm.encode("updateAnswer(int256)", BigInteger.ONE);
        // a fallback that accepts any call is not a price setter
        FakeChain chain =
                collateralOnFeed().answers(FEED, update, BigInteger.ZERO).code(FEED, "0x600160005500");

        assertThat(c10(chain).status()).isEqualTo(CheckResult.Status.PASS);
    }

    private static FakeChain collateralOnPair(long ethInPool) {
        String reserves = "0x" + word(WAD.multiply(BigInteger.valueOf(ethInPool)))
                + word(WAD.multiply(BigInteger.valueOf(ethInPool * 2_000)))
                + word(1);
        return collateralOnFeed()
                .answers(FEED, Evm.encode("pair()"), address(PAIR))
                .answersRaw(PAIR, Evm.encode("getReserves()"), reserves)
                .answers(PAIR, Evm.encode("token0()"), address(ETH))
                .answers(USD_MARKET, Evm.encode("getCash()"), WAD.multiply(BigInteger.valueOf(510_000)));
    }

    @Test
    void shouldFailCollateralOnAPairShallowerThanWhatCanBeBorrowed() {
        CheckResult r = c10(collateralOnPair(10));

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary())
                .contains("spot price of AMM pair " + PAIR)
                .contains("worth " + WAD.multiply(BigInteger.valueOf(40_000)))
                .contains("lend " + WAD.multiply(BigInteger.valueOf(510_000)));
    }

    @Test
    void shouldPassCollateralOnADeepPair() {
        assertThat(c10(collateralOnPair(1_000)).status()).isEqualTo(CheckResult.Status.PASS);
    }

    private static final String POOL = "0x9000000000000000000000000000000000000901";
    private static final String PROVIDER = "0x9000000000000000000000000000000000000902";

    /** An Aave-style pool whose oracle the proposal re-sources; the pool is found through the oracle's provider. */
    private static CheckResult c8OnPool(boolean pricedAfter) {
        String reserves = "0x" + word(32) + word(1) + word(ETH);
        String assetPrice = Evm.encode("getAssetPrice(address)", ETH);
        FakeChain chain = new FakeChain()
                .answersRaw(POOL, Evm.encode("getReservesList()"), reserves)
                .answers(POOL, Evm.encode("ADDRESSES_PROVIDER()"), address(PROVIDER))
                .answers(NEW_ORACLE, Evm.encode("ADDRESSES_PROVIDER()"), address(PROVIDER))
                .answers(PROVIDER, Evm.encode("getPool()"), address(POOL))
                .answers(PROVIDER, Evm.encode("getPriceOracle()"), address(NEW_ORACLE))
                .answers(NEW_ORACLE, assetPrice, FakeChain.PRE, BigInteger.valueOf(2_000_00000000L));
        if (pricedAfter) {
            chain.answers(NEW_ORACLE, assetPrice, FakeChain.POST, BigInteger.valueOf(2_010_00000000L));
        }
        ActionExecution a = FakeChain.action(
                0, NEW_ORACLE, "setAssetSources(address[],address[])", List.of(), BigInteger.ZERO, BigInteger.ZERO);
        return new ProtocolInvariantsCheck()
                .evaluate(
                        chain.evidence("setAssetSources on " + NEW_ORACLE, List.of(a), List.of(), Map.of()),
                        CheckSettings.defaults());
    }

    @Test
    void shouldFailWhenAPoolReservesPriceRevertsAfterItsSourceMoves() {
        CheckResult r = c8OnPool(false);

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("price of listed reserve " + ETH + " of pool " + POOL + " reverts");
    }

    @Test
    void shouldPassWhenThePoolStillPricesEveryReserve() {
        assertThat(c8OnPool(true).status()).isEqualTo(CheckResult.Status.PASS);
    }

    private static String price(String market) {
        return Evm.encode("getUnderlyingPrice(address)", market);
    }

    private static BigInteger address(String a) {
        return new BigInteger(a.substring(2), 16);
    }

    private static String word(Object value) {
        return Evm.encode("x()", value).substring(10);
    }
}
