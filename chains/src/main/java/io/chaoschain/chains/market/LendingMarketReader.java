package io.chaoschain.chains.market;

import io.chaoschain.chains.BlockHeader;
import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainException;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Reads a LendingMarket's interest model and state at a given block through {@code eth_call}, and its supply and
 * borrow volume from its events. WAD values become fractions (0.05 = 5 %); token amounts become asset units using the
 * asset's decimals.
 */
public final class LendingMarketReader {
    static final String SUPPLIED = Hash.sha3String("Supplied(address,uint256,uint256)");
    static final String BORROWED = Hash.sha3String("Borrowed(address,uint256,uint256,uint256)");
    private static final int WAD_DECIMALS = 18;
    private static final int MAX_LOG_RANGE = 2000;

    /** Supply and borrow volume of one block, in raw token units. */
    record Volume(BigInteger supplied, BigInteger borrowed) {
        static final Volume ZERO = new Volume(BigInteger.ZERO, BigInteger.ZERO);

        Volume plus(Volume other) {
            return new Volume(supplied.add(other.supplied), borrowed.add(other.borrowed));
        }
    }

    private final ChainClient client;
    private final Map<String, Integer> assetDecimals = new ConcurrentHashMap<>();

    public LendingMarketReader(ChainClient client) {
        this.client = client;
    }

    public ChainClient client() {
        return client;
    }

    /** The market's interest model and reserve factor at {@code block}, WAD-scaled as stored. */
    public RateModel rateModel(String market, long block) {
        String address = Hex.address(market, "market");
        return new RateModel(
                uint(address, "baseRatePerYear", block),
                uint(address, "multiplierPerYear", block),
                uint(address, "jumpMultiplierPerYear", block),
                uint(address, "kink", block),
                uint(address, "reserveFactor", block));
    }

    /** The market at {@code block}, with the volume of block {@code block} alone. */
    public MarketSnapshot snapshot(String market, long block) {
        return snapshot(market, block, block - 1);
    }

    /**
     * The market at {@code block}, with the supply and borrow volume of blocks {@code (previousBlock, block]}.
     *
     * @throws ChainException when the block does not exist or there is no LendingMarket at {@code market} then
     */
    public MarketSnapshot snapshot(String market, long block, long previousBlock) {
        String address = Hex.address(market, "market");
        Volume volume = volumes(address, previousBlock, block).values().stream().reduce(Volume.ZERO, Volume::plus);
        return snapshot(address, block, volume);
    }

    /** The decimals of the market's asset token. */
    public int assetDecimals(String market) {
        String address = Hex.address(market, "market");
        return assetDecimals.computeIfAbsent(address, m -> {
            String asset = "0x" + word(m, "asset", BlockRef.latest()).substring(26);
            return Numeric.toBigInt(word(asset, "decimals", BlockRef.latest())).intValueExact();
        });
    }

    MarketSnapshot snapshot(String address, long block, Volume volume) {
        BlockHeader header = client.blockHeader(block)
                .orElseThrow(() -> new ChainException(client.chainName(), "block " + block + " does not exist yet"));
        int decimals = assetDecimals(address);
        return new MarketSnapshot(
                address,
                block,
                header.timestamp(),
                wad(uint(address, "utilization", block)),
                wad(uint(address, "borrowRatePerYear", block)),
                wad(uint(address, "supplyRatePerYear", block)),
                units(uint(address, "totalBorrows", block), decimals),
                units(uint(address, "getCash", block), decimals),
                units(uint(address, "totalReserves", block), decimals),
                units(volume.supplied(), decimals),
                units(volume.borrowed(), decimals));
    }

    /** Volume per block over {@code (afterBlock, toBlock]}; blocks without activity are absent. */
    NavigableMap<Long, Volume> volumes(String address, long afterBlock, long toBlock) {
        NavigableMap<Long, Volume> perBlock = new TreeMap<>();
        for (long from = Math.max(0, afterBlock + 1); from <= toBlock; from += MAX_LOG_RANGE) {
            long to = Math.min(toBlock, from + MAX_LOG_RANGE - 1);
            List<LogEntry> logs = client.getLogs(LogFilter.of(from, to, List.of(address), List.of(SUPPLIED, BORROWED)));
            for (LogEntry log : logs) {
                // both events carry the amount as their first non-indexed word
                BigInteger amount = Numeric.toBigInt(log.data().substring(2, 66));
                Volume volume = log.topic0().equals(SUPPLIED)
                        ? new Volume(amount, BigInteger.ZERO)
                        : new Volume(BigInteger.ZERO, amount);
                perBlock.merge(log.blockNumber(), volume, Volume::plus);
            }
        }
        return perBlock;
    }

    private BigInteger uint(String address, String function, long block) {
        return Numeric.toBigInt(word(address, function, BlockRef.at(block)));
    }

    /** The first 32-byte word a view function returns, as 0x-prefixed hex. */
    private String word(String address, String function, BlockRef block) {
        String result = call(address, function, block);
        if (result == null || result.length() < 66) {
            throw new ChainException(
                    client.chainName(),
                    function + "() of " + address + " returned nothing at block "
                            + (block instanceof BlockRef.Number n ? Long.toString(n.number()) : block.toRpcParam())
                            + "; is it a LendingMarket (and its asset an ERC-20) deployed by then?");
        }
        return result.substring(0, 66);
    }

    private String call(String address, String function, BlockRef block) {
        return client.call(address, FunctionEncoder.encode(new Function(function, List.of(), List.of())), block);
    }

    private static BigDecimal wad(BigInteger value) {
        return new BigDecimal(value).movePointLeft(WAD_DECIMALS);
    }

    private static BigDecimal units(BigInteger value, int decimals) {
        return new BigDecimal(value).movePointLeft(decimals);
    }
}
