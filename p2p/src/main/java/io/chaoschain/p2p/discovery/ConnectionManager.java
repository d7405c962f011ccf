package io.chaoschain.p2p.discovery;

import io.chaoschain.core.Service;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.ConnectionListener;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.PeerId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the number of connections between watermarks: when a new connection pushes the count above {@code highWater},
 * unprotected connections are closed, newest first (long-lived peers are usually the valuable ones), until
 * {@code lowWater} remain. Peers can be protected (e.g. gossipsub mesh members, bootstrap peers). Connections younger
 * than the grace period are never trimmed: a newcomer's connections are the newest everywhere, so without a grace
 * period every node it reaches would close it again before it could bootstrap, and it would end up isolated.
 */
public final class ConnectionManager implements Service, ConnectionListener {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private final Host host;
    private final int lowWater;
    private final int highWater;
    private final long graceNanos;
    private final Set<PeerId> protectedPeers = ConcurrentHashMap.newKeySet();
    private final Map<Connection, Long> openedAt = new ConcurrentHashMap<>();

    /** With the default grace period of 10 s. */
    public ConnectionManager(Host host, int lowWater, int highWater) {
        this(host, lowWater, highWater, DEFAULT_GRACE);
    }

    public ConnectionManager(Host host, int lowWater, int highWater, Duration gracePeriod) {
        if (lowWater < 0 || highWater < lowWater) {
            throw new IllegalArgumentException("need 0 <= lowWater <= highWater, got " + lowWater + ", " + highWater);
        }
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, got " + gracePeriod);
        }
        this.host = host;
        this.lowWater = lowWater;
        this.highWater = highWater;
        this.graceNanos = gracePeriod.toNanos();
    }

    public void protect(PeerId peer) {
        protectedPeers.add(peer);
    }

    public void unprotect(PeerId peer) {
        protectedPeers.remove(peer);
    }

    @Override
    public CompletableFuture<Void> start() {
        host.addListener(this);
        // connections that predate the manager have had their chance to bootstrap: no grace period for them
        long old = System.nanoTime() - graceNanos;
        host.connections().forEach(c -> openedAt.putIfAbsent(c, old));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        host.removeListener(this);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void connected(Connection c) {
        openedAt.put(c, System.nanoTime());
        if (host.connectionCount() > highWater) {
            trim();
        }
    }

    @Override
    public void disconnected(Connection c) {
        openedAt.remove(c);
    }

    /** Closes unprotected connections past their grace period, newest first, until at most lowWater remain. */
    public synchronized int trim() {
        List<Connection> all = host.connections();
        int excess = all.size() - lowWater;
        if (excess <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        List<Connection> victims = all.stream()
                .filter(c -> !protectedPeers.contains(c.remotePeer()))
                // a connection not yet announced to us is brand new: it gets its grace period too
                .filter(c -> now - openedAt.getOrDefault(c, now) >= graceNanos)
                .sorted(Comparator.comparingLong((Connection c) -> openedAt.getOrDefault(c, Long.MAX_VALUE))
                        .reversed())
                .limit(excess)
                .toList();
        victims.forEach(Connection::close);
        return victims.size();
    }
}
