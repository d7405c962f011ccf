package io.chaoschain.agent;

import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ProposalAction;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/** ABI encoding and decoding of the lending market's governance and view calls the agent uses. */
public final class RateModelCalls {
    public static final String SET_RATE_MODEL = "setRateModel(uint256,uint256,uint256,uint256)";
    public static final String SET_RATE_MODEL_SELECTOR = Hex.functionSelector(SET_RATE_MODEL);

    private RateModelCalls() {}

    /** The action that sets {@code model}'s rate curve on {@code market}. */
    public static ProposalAction setRateModel(String market, RateModel model) {
        Function f = new Function(
                "setRateModel",
                List.of(
                        new Uint256(model.baseRatePerYear()),
                        new Uint256(model.multiplierPerYear()),
                        new Uint256(model.jumpMultiplierPerYear()),
                        new Uint256(model.kink())),
                List.of());
        return new ProposalAction(market, BigInteger.ZERO, FunctionEncoder.encode(f), SET_RATE_MODEL);
    }

    /**
     * Decodes {@code setRateModel} calldata into the four parameters it sets (reserve factor left null), or throws when
     * the calldata is not exactly such a call.
     */
    public static RateModel decodeSetRateModel(String calldata) {
        if (!SET_RATE_MODEL_SELECTOR.equals(Hex.selector(calldata))) {
            throw new IllegalArgumentException("calldata is not setRateModel: selector " + Hex.selector(calldata));
        }
        String args = calldata.substring(10);
        if (args.length() != 4 * 64) {
            throw new IllegalArgumentException(
                    "setRateModel calldata must carry exactly four words, got " + args.length() / 2 + " bytes");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Type> values = FunctionReturnDecoder.decode(args, (List) List.of(uint(), uint(), uint(), uint()));
        return new RateModel(
                (BigInteger) values.get(0).getValue(),
                (BigInteger) values.get(1).getValue(),
                (BigInteger) values.get(2).getValue(),
                (BigInteger) values.get(3).getValue(),
                null);
    }

    /** Calldata of a no-argument view, e.g. {@code utilization()}. */
    public static String viewCall(String name) {
        return FunctionEncoder.encode(new Function(name, List.of(), List.of()));
    }

    private static TypeReference<Uint256> uint() {
        return new TypeReference<Uint256>() {};
    }
}
