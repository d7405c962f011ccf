package io.chaoschain.chains.events;

import io.chaoschain.chains.BlockHeader;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainException;
import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.core.Hex;
import io.chaoschain.core.Service;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the logs of a set of contracts once they are {@code confirmations} blocks deep, surviving reorgs and
 * restarts.
 *
 * <p>The monitor remembers the hashes of the blocks it has seen: the unconfirmed blocks near the head and a window of
 * recently delivered ones. Each poll first re-reads the newest remembered block; if its hash changed, it walks back to
 * the newest block whose hash still matches (the fork point) and forgets everything above. Logs are read in ranges of
 * confirmed blocks and only delivered when every log's block hash is canonical and the range's last block is
 * unchanged after the read, so a log from an orphaned block is never delivered. When a reorg reaches below the
 * delivered tip (deeper than the confirmations), the listener is told through {@link LogListener#onReorg} and
 * delivery resumes from the fork point, so no log of the new canonical chain is lost.
 *
 * <p>Progress (the last delivered block and its hash) is saved through a {@link CheckpointStore} after each range.
 * Use {@link #pollOnce()} to drive the monitor by hand or {@link #start()} to poll on a virtual thread.
 */
public final class ConfirmedEventMonitor implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedEventMonitor.class);

    /**
     * @param id the checkpoint key; unique per monitor
     * @param addresses contracts to watch; empty watches every contract
     * @param topics topic filter per position (see {@link LogFilter})
     * @param startBlock the first block to deliver when there is no checkpoint
     * @param confirmations how many blocks must follow a log's block before it is delivered (0 delivers at the head)
     * @param pollInterval pause between polls when running as a service
     * @param maxBlockRange the widest block range per {@code eth_getLogs}
     * @param reorgWindow how many delivered blocks' hashes are kept to detect reorgs deeper than the confirmations
     */
    public record Config(
            String id,
            List<String> addresses,
            List<List<String>> topics,
            long startBlock,
            int confirmations,
            Duration pollInterval,
            int maxBlockRange,
            int reorgWindow) {
        public Config {
            Objects.requireNonNull(id, "id");
            addresses = addresses.stream()
                    .map(a -> Hex.address(a, "monitor address"))
                    .toList();
            topics = topics.stream().map(List::copyOf).toList();
            if (startBlock < 0 || confirmations < 0 || maxBlockRange < 1 || reorgWindow < 1) {
                throw new IllegalArgumentException(
                        "monitor needs startBlock >= 0, confirmations >= 0, maxBlockRange >= 1, reorgWindow >= 1");
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
        }

        /** Logs of {@code addresses} with one of {@code topic0s} (any event when empty); 2 s polls, 2000-block ranges. */
        public static Config of(
                String id, List<String> addresses, List<String> topic0s, long startBlock, int confirmations) {
            return new Config(
                    id,
                    addresses,
                    topic0s.isEmpty() ? List.of() : List.of(topic0s),
                    startBlock,
                    confirmations,
                    Duration.ofSeconds(2),
                    2000,
                    Math.max(64, 2 * confirmations));
        }

        public Config withPollInterval(Duration interval) {
            return new Config(id, addresses, topics, startBlock, confirmations, interval, maxBlockRange, reorgWindow);
        }

        public Config withMaxBlockRange(int blocks) {
            return new Config(id, addresses, topics, startBlock, confirmations, pollInterval, blocks, reorgWindow);
        }
    }

    private final ChainClient client;
    private final Config config;
    private final CheckpointStore store;
    private final LogListener listener;
    private final LogFilter filterTemplate;

    /** Block number to hash of blocks seen: unconfirmed ones and a window of delivered ones. */
    private final NavigableMap<Long, String> seen = new TreeMap<>();

    private boolean initialized;
    private long lastDelivered;

    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition wake = idleLock.newCondition();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running;
    private volatile Thread worker;

    public ConfirmedEventMonitor(ChainClient client, Config config, CheckpointStore store, LogListener listener) {
        this.client = Objects.requireNonNull(client);
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.listener = Objects.requireNonNull(listener);
        this.filterTemplate = new LogFilter(0, 0, config.addresses(), config.topics());
    }

    @Override
    public String name() {
        return "monitor-" + config.id();
    }

    @Override
    public synchronized CompletableFuture<Void> start() {
        if (worker != null) {
            return CompletableFuture.completedFuture(null);
        }
        running = true;
        worker = Thread.ofVirtual().name(name()).start(this::loop);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        Thread thread;
        synchronized (this) {
            thread = worker;
            running = false;
        }
        if (thread == null) {
            return CompletableFuture.completedFuture(null);
        }
        idleLock.lock();
        try {
            wake.signalAll();
        } finally {
            idleLock.unlock();
        }
        return stopped;
    }

    /** The last block whose logs were all delivered. */
    public synchronized long deliveredThrough() {
        initialize();
        return lastDelivered;
    }

    /**
     * Runs one poll: checks for reorgs, records the unconfirmed blocks, then delivers every log that is confirmed.
     *
     * @return the last block whose logs were all delivered
     * @throws ChainException when the chain cannot be read (nothing is lost: the next poll continues)
     */
    public synchronized long pollOnce() {
        initialize();
        long head = client.blockNumber();
        reconcile(head);
        if (!recordUnconfirmed(head)) {
            return lastDelivered;
        }
        long safe = head - config.confirmations();
        while (lastDelivered < safe) {
            long from = lastDelivered + 1;
            long to = Math.min(safe, from + config.maxBlockRange() - 1);
            if (!deliver(from, to)) {
                break;
            }
        }
        seen.headMap(lastDelivered - config.reorgWindow(), false).clear();
        return lastDelivered;
    }

    private void loop() {
        try {
            while (running) {
                try {
                    pollOnce();
                } catch (ChainException e) {
                    LOG.warn(
                            "{}: poll failed, retrying in {} ms: {}",
                            name(),
                            config.pollInterval().toMillis(),
                            e.getMessage());
                    LOG.debug("{}: poll failure", name(), e);
                } catch (RuntimeException e) {
                    LOG.error("{}: listener failed; the logs of its block are delivered again next poll", name(), e);
                }
                idleLock.lock();
                try {
                    if (running) {
                        wake.await(config.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    idleLock.unlock();
                }
            }
        } finally {
            stopped.complete(null);
        }
    }

    private void initialize() {
        if (initialized) {
            return;
        }
        lastDelivered = config.startBlock() - 1;
        Optional<Checkpoint> checkpoint = store.load(config.id());
        if (checkpoint.isPresent() && checkpoint.get().blockNumber() >= lastDelivered) {
            lastDelivered = checkpoint.get().blockNumber();
            checkpoint
                    .get()
                    .blockHash()
                    .ifPresent(hash -> seen.put(checkpoint.get().blockNumber(), hash));
            LOG.debug("{}: resuming after block {}", name(), lastDelivered);
        }
        initialized = true;
    }

    /** Finds where the remembered chain and the node's chain part, and rewinds to that fork point. */
    private void reconcile(long head) {
        if (seen.isEmpty()) {
            return;
        }
        Long fork = null;
        for (Long number = seen.floorKey(head); number != null; number = seen.lowerKey(number)) {
            Optional<BlockHeader> header = client.blockHeader(number);
            if (header.isPresent() && header.get().hash().equals(seen.get(number))) {
                fork = number;
                break;
            }
        }
        long forkBlock;
        if (fork != null) {
            forkBlock = fork;
        } else {
            // no remembered block survived: the reorg is deeper than the window; rewind one more window to be safe
            forkBlock = Math.max(config.startBlock() - 1, seen.firstKey() - 1 - config.reorgWindow());
            LOG.debug(
                    "{}: none of the remembered blocks {}..{} is canonical any more",
                    name(),
                    seen.firstKey(),
                    seen.lastKey());
        }
        if (seen.lastKey() <= forkBlock) {
            return;
        }
        seen.tailMap(forkBlock, false).clear();
        if (lastDelivered > forkBlock) {
            long orphanedThrough = lastDelivered;
            LOG.warn(
                    "{}: reorg below the delivered tip: blocks {}..{} were replaced; re-reading from {}",
                    name(),
                    forkBlock + 1,
                    orphanedThrough,
                    forkBlock + 1);
            lastDelivered = forkBlock;
            store.save(config.id(), new Checkpoint(forkBlock, Optional.ofNullable(seen.get(forkBlock))));
            listener.onReorg(forkBlock, orphanedThrough);
        } else {
            LOG.debug("{}: reorg above block {} (unconfirmed, nothing delivered from it)", name(), forkBlock);
        }
    }

    /**
     * Remembers the hashes of the blocks that are not yet confirmed, so a later poll notices when one is replaced.
     * Returns false when the chain changed while reading; the next poll reconciles.
     */
    private boolean recordUnconfirmed(long head) {
        long from = Math.max(lastDelivered + 1, head - config.confirmations());
        if (!seen.isEmpty()) {
            from = Math.max(from, seen.lastKey() + 1);
        }
        for (long number = from; number <= head; number++) {
            Optional<BlockHeader> header = client.blockHeader(number);
            if (header.isEmpty()) {
                return false;
            }
            String parent = seen.get(number - 1);
            if (parent != null && !parent.equals(header.get().parentHash())) {
                LOG.debug("{}: block {} does not extend the remembered chain; reconciling next poll", name(), number);
                return false;
            }
            seen.put(number, header.get().hash());
        }
        return true;
    }

    /** Delivers the logs of confirmed blocks {@code from..to}; false when the range changed under the read. */
    private boolean deliver(long from, long to) {
        Optional<String> anchor = hashOf(to, new HashMap<>());
        if (anchor.isEmpty()) {
            return false;
        }
        List<LogEntry> logs = client.getLogs(filterTemplate.withRange(from, to));
        Map<Long, String> fetched = new HashMap<>();
        for (LogEntry log : logs) {
            if (log.removed() || log.blockNumber() < from || log.blockNumber() > to) {
                return false;
            }
            Optional<String> canonical = hashOf(log.blockNumber(), fetched);
            if (canonical.isEmpty() || !canonical.get().equals(log.blockHash())) {
                LOG.debug(
                        "{}: log in block {} has hash {} but the canonical block differs; retrying",
                        name(),
                        log.blockNumber(),
                        log.blockHash());
                return false;
            }
        }
        // a block hash commits to all its ancestors: if the range's last block is unchanged, so is the whole range
        Optional<BlockHeader> after = client.blockHeader(to);
        if (after.isEmpty() || !after.get().hash().equals(anchor.get())) {
            return false;
        }
        List<LogEntry> ordered = logs.stream()
                .sorted(Comparator.comparingLong(LogEntry::blockNumber).thenComparingInt(LogEntry::logIndex))
                .toList();
        for (LogEntry log : ordered) {
            try {
                listener.onLog(log);
            } catch (RuntimeException e) {
                long complete = log.blockNumber() - 1;
                if (complete > lastDelivered) {
                    commit(complete, hashOf(complete, fetched));
                }
                throw e;
            }
        }
        commit(to, anchor);
        return true;
    }

    private void commit(long block, Optional<String> hash) {
        lastDelivered = block;
        hash.ifPresent(h -> seen.put(block, h));
        store.save(config.id(), new Checkpoint(block, hash));
    }

    private Optional<String> hashOf(long number, Map<Long, String> fetched) {
        String known = seen.get(number);
        if (known != null) {
            return Optional.of(known);
        }
        String cached = fetched.get(number);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> hash = client.blockHeader(number).map(BlockHeader::hash);
        hash.ifPresent(h -> fetched.put(number, h));
        return hash;
    }
}
