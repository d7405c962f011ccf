package io.chaoschain.simulation;

import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.Redaction;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.simulation.internal.SimulationRpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anvil forks started ahead of need and reused: a simulation leases one, and the lease's {@link Lease#close()} puts it
 * back as it was handed out.
 *
 * <p>A fork is started once (the process start is most of a one-proposal simulation's cost) and then moved between
 * origins and blocks with {@code anvil_reset}. A lease starts from an {@code evm_snapshot} taken when the fork
 * reached its block; returning it reverts to that snapshot, so the next lease sees the origin's state at that block
 * and none of the previous lease's transactions, balances, code or storage, with automine back on and no account
 * impersonated. A fork whose revert or reset fails is stopped and replaced by a new process.
 *
 * <p>Forks run with a zero base fee and FIFO ordering, as every simulation here forks. Thread-safe: {@link #lease}
 * blocks until a fork is free. Closing the pool stops every fork, leased or not.
 */
public final class ForkPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForkPool.class);
    private static final List<String> FORK_ARGS = List.of("--block-base-fee-per-gas", "0", "--order", "fifo");

    private final BlockingQueue<CompletableFuture<Slot>> idle = new LinkedBlockingQueue<>();
    private final List<Slot> all = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ForkPool() {}

    /**
     * Starts {@code size} forks of {@code originUrl} in the background and returns at once; the first {@link #lease}
     * waits for one to be up.
     *
     * @param block the block to fork at, or -1 for the origin's latest block
     */
    public static ForkPool start(String originUrl, long block, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a fork pool needs at least one fork, not " + size);
        }
        ForkPool pool = new ForkPool();
        for (int i = 0; i < size; i++) {
            pool.idle.add(pool.startSlot(originUrl, block));
        }
        return pool;
    }

    /**
     * A fork of {@code originUrl} at {@code block}, in the origin's state at that block; waits for a free fork.
     *
     * @throws SimulationException when no fork could be started or moved to that block
     */
    public Lease lease(String originUrl, long block) {
        Objects.requireNonNull(originUrl, "originUrl");
        if (closed.get()) {
            throw new IllegalStateException("the fork pool is closed");
        }
        Slot slot;
        try {
            slot = idle.take().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("interrupted while waiting for a fork", e);
        } catch (RuntimeException e) {
            // that start failed: start its replacement for the next lease and report this one
            idle.add(startSlot(originUrl, block));
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof SimulationException s
                    ? s
                    : new SimulationException(
                            "could not start an Anvil fork of " + Redaction.origin(originUrl) + ": "
                                    + cause.getMessage(),
                            cause);
        }
        try {
            if (!slot.origin.equals(originUrl) || (block >= 0 && slot.block != block)) {
                slot.reset(originUrl, block);
            }
            return new Lease(this, slot);
        } catch (RuntimeException e) {
            replace(slot, originUrl, block);
            throw new SimulationException(
                    "could not move a fork to " + Redaction.origin(originUrl) + " at block " + block + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Stops every fork. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Slot> slots;
        synchronized (all) {
            slots = List.copyOf(all);
        }
        slots.forEach(Slot::stop);
        // a fork still starting is waited for and stopped, so no Anvil process outlives the pool (and this JVM)
        for (CompletableFuture<Slot> pending : idle) {
            try {
                pending.join().stop();
            } catch (RuntimeException e) {
                // it never started: nothing to stop
            }
        }
    }

    private CompletableFuture<Slot> startSlot(String originUrl, long block) {
        CompletableFuture<Slot> future = new CompletableFuture<>();
        Thread.ofVirtual().name("fork-pool-start").start(() -> {
            try {
                Slot slot = Slot.start(originUrl, block);
                synchronized (all) {
                    all.add(slot);
                }
                if (closed.get()) {
                    slot.stop();
                }
                future.complete(slot);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    private void giveBack(Slot slot) {
        if (closed.get()) {
            slot.stop();
            return;
        }
        try {
            slot.restore();
            idle.add(CompletableFuture.completedFuture(slot));
        } catch (RuntimeException e) {
            LOG.warn("a pooled fork could not be reverted ({}); starting a new one", e.getMessage());
            replace(slot, slot.origin, slot.block);
        }
    }

    private void replace(Slot slot, String originUrl, long block) {
        slot.stop();
        synchronized (all) {
            all.remove(slot);
        }
        if (!closed.get()) {
            idle.add(startSlot(originUrl, block));
        }
    }

    /**
     * A fork held by one simulation. {@link #close()} returns it to its pool in a clean state; {@link #discard()}
     * stops it (the pool starts a replacement), for a simulation that was aborted while using it.
     */
    public static final class Lease implements AutoCloseable {
        private final ForkPool pool;
        private final Slot slot;
        private final AtomicBoolean done = new AtomicBoolean();

        private Lease(ForkPool pool, Slot slot) {
            this.pool = pool;
            this.slot = slot;
        }

        /** The fork's JSON-RPC URL. */
        public String rpcUrl() {
            return slot.process.rpcUrl();
        }

        /** The origin block the fork's state is taken at. */
        public long forkBlock() {
            return slot.block;
        }

        /** Stops the fork instead of returning it. */
        public void discard() {
            if (done.compareAndSet(false, true)) {
                pool.replace(slot, slot.origin, slot.block);
            }
        }

        /** Returns the fork to the pool, reverted to its state when leased. */
        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                pool.giveBack(slot);
            }
        }
    }

    /** One Anvil process, the origin and block it forks, and the snapshot of its clean state. */
    private static final class Slot {
        final AnvilProcess process;
        final EvmChainClient rpc;
        String origin;
        long block;
        String snapshot;

        private Slot(AnvilProcess process, EvmChainClient rpc, String origin) {
            this.process = process;
            this.rpc = rpc;
            this.origin = origin;
        }

        static Slot start(String originUrl, long block) {
            AnvilProcess.Options options = new AnvilProcess.Options(
                    0,
                    Optional.of(originUrl),
                    block >= 0 ? Optional.of(block) : Optional.empty(),
                    Optional.empty(),
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    FORK_ARGS);
            AnvilProcess process;
            try {
                process = AnvilProcess.start(options);
            } catch (RuntimeException e) {
                throw new SimulationException(
                        "could not start an Anvil fork of " + Redaction.origin(originUrl) + ": "
                                + String.valueOf(e.getMessage()).replace(originUrl, Redaction.origin(originUrl)),
                        e);
            }
            Slot slot = new Slot(process, SimulationRpc.connect("fork", process.rpcUrl()), originUrl);
            try {
                slot.marked();
                return slot;
            } catch (RuntimeException e) {
                slot.stop();
                throw e;
            }
        }

        /** Reads the block the fork is at and snapshots it as the clean state. */
        void marked() {
            block = Long.decode(rpc.send("eth_blockNumber").asText());
            snapshot = rpc.send("evm_snapshot").asText();
        }

        void reset(String originUrl, long toBlock) {
            Map<String, Object> forking = toBlock >= 0
                    ? Map.of("jsonRpcUrl", originUrl, "blockNumber", toBlock)
                    : Map.of("jsonRpcUrl", originUrl);
            rpc.send("anvil_reset", Map.of("forking", forking));
            origin = originUrl;
            marked();
        }

        /** Back to the snapshot, with the node settings a simulation changes put back; a new snapshot to return to. */
        void restore() {
            if (!rpc.send("evm_revert", snapshot).asBoolean()) {
                reset(origin, block);
            } else {
                snapshot = rpc.send("evm_snapshot").asText();
            }
            rpc.send("evm_setAutomine", true);
            rpc.send("anvil_autoImpersonateAccount", false);
        }

        void stop() {
            try {
                rpc.close();
            } finally {
                process.close();
            }
        }
    }
}
