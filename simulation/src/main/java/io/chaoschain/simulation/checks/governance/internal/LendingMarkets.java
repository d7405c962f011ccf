package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compound-style lending protocols a proposal touches, found without configuration: a Comptroller is a contract that
 * answers {@code getAllMarkets()}; a market answers {@code comptroller()}. Prices come from the Comptroller's
 * {@code oracle()} through {@code getUnderlyingPrice(cToken)}; existing accounts from the markets' {@code Transfer} and
 * {@code Borrow} events on the source chain.
 */
public final class LendingMarkets {
    static final String TRANSFER = Evm.keccak("Transfer(address,address,uint256)");
    static final String BORROW = Evm.keccak("Borrow(address,uint256,uint256,uint256)");

    private LendingMarkets() {}

    /** Comptrollers among the touched contracts, or reached from a touched market's {@code comptroller()}. */
    public static List<String> comptrollers(SimulationEvidence e) {
        ForkView fork = e.fork();
        Set<String> out = new LinkedHashSet<>();
        for (String a : e.touchedAddresses()) {
            if (!Evm.hasCode(fork, a, fork.postBlock())) {
                continue;
            }
            // read after the proposal first; before it only when the contract no longer answers
            for (long block : new long[] {fork.postBlock(), fork.preBlock()}) {
                if (isComptroller(fork, a, block)) {
                    out.add(a);
                    break;
                }
                Optional<String> viaMarket = Evm.address(fork, a, Evm.encode("comptroller()"), block)
                        .filter(c -> isComptroller(fork, c, block));
                if (viaMarket.isPresent()) {
                    out.add(viaMarket.get());
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    static boolean isComptroller(ChainReader chain, String address, long block) {
        return Evm.call(chain, null, address, Evm.encode("getAllMarkets()"), block)
                .filter(o -> o.length() >= 130)
                .isPresent();
    }

    /** The markets a Comptroller lists at {@code block} (empty when it does not answer). */
    public static List<String> markets(ChainReader chain, String comptroller, long block) {
        return Evm.call(chain, null, comptroller, Evm.encode("getAllMarkets()"), block)
                .map(LendingMarkets::addressArray)
                .orElse(List.of());
    }

    /** The markets listed before or after, in first-seen order. */
    public static List<String> marketsAround(ForkView fork, String comptroller) {
        Set<String> all = new LinkedHashSet<>(markets(fork, comptroller, fork.preBlock()));
        all.addAll(markets(fork, comptroller, fork.postBlock()));
        return List.copyOf(all);
    }

    public static Optional<String> oracle(ChainReader chain, String comptroller, long block) {
        return Evm.address(chain, comptroller, Evm.encode("oracle()"), block);
    }

    /** {@code oracle.getUnderlyingPrice(market)}; empty when it reverts. */
    public static Optional<BigInteger> price(ChainReader chain, String oracle, String market, long block) {
        return Evm.uint(chain, oracle, Evm.encode("getUnderlyingPrice(address)", market), block);
    }

    /** The price the Comptroller's current oracle gives {@code market} at {@code block}. */
    public static Optional<BigInteger> priceVia(ChainReader chain, String comptroller, String market, long block) {
        return oracle(chain, comptroller, block).flatMap(o -> price(chain, o, market, block));
    }

    /** The market's collateral factor ({@code markets(cToken)}'s second word), zero when unreadable. */
    public static BigInteger collateralFactor(ChainReader chain, String comptroller, String market, long block) {
        return Evm.call(chain, null, comptroller, Evm.encode("markets(address)", market), block)
                .filter(o -> o.length() >= 130)
                .map(o -> Evm.word(o, 1))
                .orElse(BigInteger.ZERO);
    }

    public static Optional<String> underlying(ChainReader chain, String market, long block) {
        return Evm.address(chain, market, Evm.encode("underlying()"), block);
    }

    /**
     * Accounts that held or borrowed from {@code markets} on the source chain up to {@code toBlock}: recipients of
     * the markets' {@code Transfer} events and borrowers of their {@code Borrow} events, at most {@code max}.
     *
     * @throws Evm.HistoryUnavailable when the source chain refuses the logs
     */
    public static List<String> existingAccounts(ChainReader source, List<String> markets, long toBlock, int max) {
        Set<String> out = new LinkedHashSet<>();
        for (String m : markets) {
            for (JsonNode log : Evm.logs(source, m, 0, toBlock, TRANSFER)) {
                JsonNode topics = log.path("topics");
                if (topics.size() >= 3) {
                    out.add(Evm.topicAddress(topics.get(2).asText()));
                }
            }
            for (JsonNode log : Evm.logs(source, m, 0, toBlock, BORROW)) {
                out.add(Evm.addressAt(log.path("data").asText(), 0));
            }
        }
        out.remove(Evm.ZERO_ADDRESS);
        markets.forEach(m -> out.remove(m.toLowerCase(Locale.ROOT)));
        return out.stream().limit(max).toList();
    }

    /** Decodes an ABI-encoded {@code address[]} return value. */
    static List<String> addressArray(String output) {
        BigInteger at = Evm.word(output, 0);
        if (at.bitLength() > 20) {
            return List.of();
        }
        int offset = at.intValue() / 32;
        BigInteger count = Evm.word(output, offset);
        int length = count.bitLength() > 10 ? 0 : count.intValue();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            out.add(Evm.addressAt(output, offset + 1 + i));
        }
        return out;
    }
}
