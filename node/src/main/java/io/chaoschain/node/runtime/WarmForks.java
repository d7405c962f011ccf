package io.chaoschain.node.runtime;

import io.chaoschain.core.Service;
import io.chaoschain.simulation.ForkPool;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The node's warm simulation forks ({@code simulation.warmForks}): started with the node, forking the agents' chain
 * at its latest block, and leased by every sweep the agents simulate, so a proposal's simulation does not wait for an
 * Anvil process to start. Until started (and with a count of 0) it supplies no pool and sweeps start their own forks.
 */
final class WarmForks implements Service, Supplier<ForkPool> {
    private final String originUrl;
    private final int count;
    private volatile ForkPool pool;

    WarmForks(String originUrl, int count) {
        this.originUrl = originUrl;
        this.count = count;
    }

    @Override
    public CompletableFuture<Void> start() {
        if (count > 0 && pool == null) {
            // the forks start in the background; the first lease waits for one
            pool = ForkPool.start(originUrl, -1, count);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        ForkPool p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ForkPool get() {
        return pool;
    }

    @Override
    public String name() {
        return "warm-forks";
    }
}
