package io.chaoschain.chains.market;

import io.chaoschain.core.Hex;
import io.chaoschain.core.metrics.MarketSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/** Snapshots of a lending market at regular block intervals: the time series agents reason about. */
public final class MetricSeries {
    private final LendingMarketReader reader;

    public MetricSeries(LendingMarketReader reader) {
        this.reader = reader;
    }

    /**
     * Snapshots at {@code fromBlock}, {@code fromBlock + step}, ... and at {@code toBlock}. Each snapshot's volume
     * covers the blocks since the previous snapshot; the first one's covers the {@code step} blocks up to it.
     */
    public List<MarketSnapshot> collect(String market, long fromBlock, long toBlock, long step) {
        String address = Hex.address(market, "market");
        if (step < 1 || fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("a series needs 0 <= fromBlock <= toBlock and step >= 1, got "
                    + fromBlock + ".." + toBlock + " step " + step);
        }
        List<Long> blocks = new ArrayList<>();
        for (long block = fromBlock; block <= toBlock; block += step) {
            blocks.add(block);
        }
        if (blocks.getLast() != toBlock) {
            blocks.add(toBlock);
        }
        long firstPrevious = Math.max(-1, fromBlock - step);
        NavigableMap<Long, LendingMarketReader.Volume> volumes = reader.volumes(address, firstPrevious, toBlock);

        List<MarketSnapshot> series = new ArrayList<>(blocks.size());
        long previous = firstPrevious;
        for (long block : blocks) {
            LendingMarketReader.Volume volume = volumes.subMap(previous, false, block, true).values().stream()
                    .reduce(LendingMarketReader.Volume.ZERO, LendingMarketReader.Volume::plus);
            series.add(reader.snapshot(address, block, volume));
            previous = block;
        }
        return series;
    }
}
