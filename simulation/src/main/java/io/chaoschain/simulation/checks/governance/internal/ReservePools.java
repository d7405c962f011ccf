package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Aave-style pools a proposal touches, found without configuration: a pool answers {@code getReservesList()}; the
 * pool, its oracle and its configurator answer {@code ADDRESSES_PROVIDER()}, whose {@code getPool()} and
 * {@code getPriceOracle()} name the rest. Prices are the oracle's {@code getAssetPrice(asset)}; existing accounts the
 * {@code onBehalfOf} of the pool's {@code Supply} and {@code Borrow} events on the source chain.
 */
public final class ReservePools {
    static final String SUPPLY = Evm.keccak("Supply(address,address,address,uint256,uint16)");
    static final String BORROW = Evm.keccak("Borrow(address,address,address,uint256,uint8,uint256,uint16)");

    private ReservePools() {}

    /** Pools among the touched contracts or named by the addresses provider of a touched contract. */
    public static List<String> pools(SimulationEvidence e) {
        ForkView fork = e.fork();
        Set<String> out = new LinkedHashSet<>();
        for (String a : e.touchedAddresses()) {
            if (!Evm.hasCode(fork, a, fork.postBlock())) {
                continue;
            }
            // read after the proposal first; before it only when the contract no longer answers
            for (long block : new long[] {fork.postBlock(), fork.preBlock()}) {
                if (isPool(fork, a, block)) {
                    out.add(a);
                    break;
                }
                Optional<String> named = Evm.address(fork, a, Evm.encode("ADDRESSES_PROVIDER()"), block)
                        .or(() -> Evm.address(fork, a, Evm.encode("getPool()"), block)
                                .map(p -> a))
                        .flatMap(p -> Evm.address(fork, p, Evm.encode("getPool()"), block))
                        .filter(p -> isPool(fork, p, block));
                if (named.isPresent()) {
                    out.add(named.get());
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    static boolean isPool(ChainReader chain, String address, long block) {
        return Evm.call(chain, null, address, Evm.encode("getReservesList()"), block)
                .filter(o -> o.length() >= 130)
                .isPresent();
    }

    public static List<String> reserves(ChainReader chain, String pool, long block) {
        return Evm.call(chain, null, pool, Evm.encode("getReservesList()"), block)
                .map(LendingMarkets::addressArray)
                .orElse(List.of());
    }

    /** The pool's price oracle at {@code block}: {@code ADDRESSES_PROVIDER().getPriceOracle()}. */
    public static Optional<String> oracle(ChainReader chain, String pool, long block) {
        return Evm.address(chain, pool, Evm.encode("ADDRESSES_PROVIDER()"), block)
                .flatMap(p -> Evm.address(chain, p, Evm.encode("getPriceOracle()"), block))
                .filter(o -> !o.equals(Evm.ZERO_ADDRESS));
    }

    public static Optional<BigInteger> price(ChainReader chain, String oracle, String asset, long block) {
        return Evm.uint(chain, oracle, Evm.encode("getAssetPrice(address)", asset), block);
    }

    /**
     * Accounts the pool's {@code Supply} and {@code Borrow} events credited, up to {@code toBlock}, at most
     * {@code max}.
     *
     * @throws Evm.HistoryUnavailable when the source chain refuses the logs
     */
    public static List<String> existingAccounts(ChainReader source, String pool, long toBlock, int max) {
        Set<String> out = new LinkedHashSet<>();
        for (String topic : List.of(SUPPLY, BORROW)) {
            for (JsonNode log : Evm.logs(source, pool, 0, toBlock, topic)) {
                JsonNode topics = log.path("topics");
                if (topics.size() >= 3) {
                    out.add(Evm.topicAddress(topics.get(2).asText()));
                }
            }
        }
        out.remove(Evm.ZERO_ADDRESS);
        return out.stream().limit(max).toList();
    }
}
