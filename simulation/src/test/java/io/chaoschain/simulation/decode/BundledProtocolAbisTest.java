package io.chaoschain.simulation.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.evidence.DecodedCall;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;

class BundledProtocolAbisTest {
    private static final AbiResolver ABIS = AbiResolver.bundledOnly();
    private static final String COMPTROLLER = "0x3d9819210a31b4961b30ef54be2aed79b9c9cd3b";
    private static final String CUSDC = "0x39aa39c021dfbae8fac545936693ac917d5e7563";
    private static final String COMPOUND = "bundled:@compound-finance/compound-js@0.6.2 Comptroller";

    private static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }

    private static DecodedCall decode(String target, String calldata) {
        return ABIS.decodeCall(new ProposalAction(target, BigInteger.ZERO, calldata, ""), ContractProbe.NONE);
    }

    @Test
    void shouldDecodeCompoundsSetCollateralFactorWithTheComptrollersParameterNames() {
        // Compound proposal 117's shape: cToken and an 18-decimal mantissa
        String calldata = "0xe4028eee" + "000000000000000000000000" + CUSDC.substring(2)
                + "0000000000000000000000000000000000000000000000000bcbce7f1b150000";
        assertThat(calldata)
                .isEqualTo(encode(
                        "_setCollateralFactor", new Address(CUSDC), new Uint256(new BigInteger("850000000000000000"))));

        DecodedCall call = decode(COMPTROLLER, calldata);

        assertThat(call.signature()).isEqualTo("_setCollateralFactor(address,uint256)");
        assertThat(call.abiSource()).isEqualTo(COMPOUND);
        assertThat(call.render())
                .isEqualTo(
                        "_setCollateralFactor(cToken=" + CUSDC + ", newCollateralFactorMantissa=850000000000000000)");
    }

    @Test
    void shouldDecodeCompoundsPriceOracleAndMarketListing() {
        String oracle = "0x50ce56a3239671ab62f185704caedf626352741e";
        assertThat(decode(COMPTROLLER, encode("_setPriceOracle", new Address(oracle)))
                        .render())
                .isEqualTo("_setPriceOracle(newOracle=" + oracle + ")");
        DecodedCall listing = decode(COMPTROLLER, encode("_supportMarket", new Address(CUSDC)));
        assertThat(listing.render()).isEqualTo("_supportMarket(cToken=" + CUSDC + ")");
        assertThat(listing.abiSource()).isEqualTo(COMPOUND);
    }

    @Test
    void shouldDecodeAaveV3PoolConfiguratorCollateralSettings() {
        String weth = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
        DecodedCall call = decode(
                "0x64b761d848206f447fe2dd461b0c635ec39ebb27",
                encode(
                        "configureReserveAsCollateral",
                        new Address(weth),
                        new Uint256(8000),
                        new Uint256(8250),
                        new Uint256(10500)));
        assertThat(call.abiSource()).isEqualTo("bundled:@aave/core-v3@1.19.3 IPoolConfigurator");
        assertThat(call.render())
                .isEqualTo("configureReserveAsCollateral(asset=" + weth
                        + ", ltv=8000, liquidationThreshold=8250, liquidationBonus=10500)");
    }

    @Test
    void shouldDecodeUniswapV3SetFeeProtocol() {
        DecodedCall call = decode(
                "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640", encode("setFeeProtocol", new Uint8(4), new Uint8(4)));
        assertThat(call.abiSource()).startsWith("bundled:@uniswap/v3-core@1.0.1 ");
        assertThat(call.render()).isEqualTo("setFeeProtocol(feeProtocol0=4, feeProtocol1=4)");
    }

    @Test
    void shouldKeyEveryIndexEntryByTheKeccakOfItsSignature() throws Exception {
        JsonNode index;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AbiRegistry.INDEX)) {
            index = new ObjectMapper().readTree(in);
        }
        assertThat(index.path("packages"))
                .extracting(p -> p.path("name").asText())
                .contains(
                        "@compound-finance/compound-js",
                        "@aave/core-v3",
                        "@uniswap/v3-core",
                        "@ensdomains/ens",
                        "@openzeppelin/contracts");
        assertThat(index.path("packages"))
                .allSatisfy(p -> assertThat(p.path("license").asText()).isNotBlank());
        int checked = 0;
        for (var e : index.path("functions").properties()) {
            for (JsonNode entry : e.getValue()) {
                assertThat(Hex.functionSelector(entry.path("s").asText())).isEqualTo(e.getKey());
                checked++;
            }
        }
        for (var e : index.path("events").properties()) {
            for (JsonNode entry : e.getValue()) {
                assertThat(Hex.encode(Hash.sha3(entry.path("s").asText().getBytes())))
                        .isEqualTo(e.getKey());
            }
        }
        assertThat(checked).isGreaterThan(500);
    }
}
