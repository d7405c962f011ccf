package io.chaoschain.p2p.discovery;

import io.chaoschain.core.Service;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.ConnectionListener;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.OwnedThreads;
import io.chaoschain.p2p.internal.PeriodicTask;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer discovery through Kademlia FIND_NODE ({@code /ipfs/kad/1.0.0}, kad-dht spec): serves the closest peers it knows
 * and runs iterative lookups (alpha parallel queries, k closest) to find peers near a key. Values and providers are
 * not implemented; ChaosChain only needs peer routing. Bootstrap dials the configured peers, then looks up its own ID
 * to fill the routing table. While running, a maintenance thread bootstraps again whenever the node has fewer than
 * {@code minPeers} connections (its peers went away, or trimmed it), so a node that lost its neighbours re-joins; a
 * round that fails is logged and the next one runs as usual. The maintenance thread and the dial and query threads
 * of bootstraps and lookups belong to this service: {@link #stop()} interrupts them and waits for them to end.
 */
public final class KadDht implements Service {
    public static final String PROTOCOL = "/ipfs/kad/1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(KadDht.class);
    private static final int K = 20;
    private static final int ALPHA = 3;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_REQUESTS_PER_STREAM = 64;

    private final Host host;
    private final List<Multiaddr> bootstrapPeers;
    private final RoutingTable table;
    private final int minPeers;
    private final PeriodicTask maintenance;
    private volatile OwnedThreads threads = new OwnedThreads("kad-dht");
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void connected(Connection c) {
            consider(c.remotePeer());
        }

        @Override
        public void protocolsChanged(PeerId peer) {
            consider(peer);
        }
    };

    /** Re-bootstraps when fewer than 4 connections remain, checked every 10 s. */
    public KadDht(Host host, List<Multiaddr> bootstrapPeers) {
        this(host, bootstrapPeers, 4, Duration.ofSeconds(10));
    }

    /**
     * @param minPeers below this many connections the node bootstraps again (0 disables the maintenance)
     * @param checkInterval how often the connection count is checked
     */
    public KadDht(Host host, List<Multiaddr> bootstrapPeers, int minPeers, Duration checkInterval) {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, got " + checkInterval);
        }
        this.host = host;
        this.bootstrapPeers = List.copyOf(bootstrapPeers);
        this.table = new RoutingTable(host.peerId(), K);
        this.minPeers = minPeers;
        this.maintenance = new PeriodicTask("kad-maintenance", checkInterval, this::maintainOnce, LOG);
    }

    public RoutingTable routingTable() {
        return table;
    }

    private void consider(PeerId peer) {
        if (host.peerstore().supports(peer, PROTOCOL)) {
            table.add(peer);
        }
    }

    @Override
    public CompletableFuture<Void> start() {
        if (threads.isShutdown()) {
            threads = new OwnedThreads("kad-dht");
        }
        try {
            host.setStreamHandler(PROTOCOL, this::serve);
            host.addListener(listener);
            host.connectedPeers().forEach(this::consider);
            if (minPeers > 0) {
                maintenance.start();
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            release();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One maintenance round: below {@code minPeers} connections, redial known peers, then bootstrap again. */
    private void maintainOnce() {
        if (host.connectionCount() >= minPeers) {
            return;
        }
        // the known peers first (the routing table remembers more than the bootstrap list), then the bootstrap list
        for (PeerId p : table.closest(host.peerId().bytes(), K)) {
            if (host.connectionCount() >= minPeers || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (host.connection(p).isEmpty()) {
                try {
                    host.connect(p);
                } catch (IOException e) {
                    table.remove(p);
                }
            }
        }
        if (host.connectionCount() < minPeers) {
            bootstrap();
        }
    }

    /** Whether the maintenance loop is running (it runs from {@link #start()} to {@link #stop()} when minPeers > 0). */
    public boolean maintenanceRunning() {
        return maintenance.isRunning();
    }

    @Override
    public CompletableFuture<Void> stop() {
        release();
        return CompletableFuture.completedFuture(null);
    }

    private void release() {
        if (!maintenance.stop(Duration.ofSeconds(5))) {
            LOG.warn("kad maintenance did not stop within 5 s");
        }
        List<String> left = threads.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        if (!left.isEmpty()) {
            LOG.warn("kad-dht stopped with {} threads still running: {}", left.size(), left);
        }
        host.removeListener(listener);
        host.removeStreamHandler(PROTOCOL);
    }

    /** Dials every bootstrap peer that answers, then looks up this node's own ID; returns the routing table size. */
    public int bootstrap() {
        List<Thread> dials = new ArrayList<>();
        for (Multiaddr a : bootstrapPeers) {
            dials.add(threads.start("kad-bootstrap-dial", () -> {
                try {
                    host.connect(a);
                } catch (IOException e) {
                    // an expected condition (the peer is down or not yet up): one line, the trace only at debug
                    LOG.info("bootstrap peer {} unreachable: {}", a, e.getMessage());
                    LOG.debug("bootstrap dial to {} failed", a, e);
                }
            }));
        }
        for (Thread t : dials) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return table.size();
            }
        }
        host.connectedPeers().forEach(this::consider);
        findNode(host.peerId());
        return table.size();
    }

    /** Iterative FIND_NODE lookup; returns up to k peers closest to {@code target}, learning their addresses. */
    public List<PeerId> findNode(PeerId target) {
        byte[] key = target.bytes();
        byte[] hashed = RoutingTable.key(key);
        Comparator<PeerId> byDistance =
                Comparator.comparing(p -> RoutingTable.distance(hashed, RoutingTable.key(p.bytes())));
        Set<PeerId> seen = new HashSet<>(table.closest(key, K));
        seen.add(host.peerId());
        Set<PeerId> queried = new HashSet<>();
        Set<PeerId> responded = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<PeerId> candidates = seen.stream()
                    .filter(p -> !queried.contains(p) && !p.equals(host.peerId()))
                    .sorted(byDistance)
                    .toList();
            List<PeerId> closestResponded =
                    responded.stream().sorted(byDistance).limit(K).toList();
            if (candidates.isEmpty()) {
                break;
            }
            if (closestResponded.size() >= K) {
                BigInteger worst = RoutingTable.distance(
                        hashed, RoutingTable.key(closestResponded.getLast().bytes()));
                if (RoutingTable.distance(
                                        hashed,
                                        RoutingTable.key(candidates.getFirst().bytes()))
                                .compareTo(worst)
                        >= 0) {
                    break; // no unqueried candidate is closer than our k closest: converged
                }
            }
            List<PeerId> batch = candidates.subList(0, Math.min(ALPHA, candidates.size()));
            List<CompletableFuture<List<KadMessage.KadPeer>>> calls = new ArrayList<>();
            for (PeerId p : batch) {
                queried.add(p);
                calls.add(CompletableFuture.supplyAsync(() -> query(p, key), r -> threads.start("kad-query", r)));
            }
            for (int i = 0; i < calls.size(); i++) {
                try {
                    List<KadMessage.KadPeer> found = calls.get(i).get(15, TimeUnit.SECONDS);
                    responded.add(batch.get(i));
                    for (KadMessage.KadPeer kp : found) {
                        if (!kp.id().equals(host.peerId())) {
                            host.peerstore()
                                    .addAddrs(
                                            kp.id(),
                                            kp.addrs().stream()
                                                    .filter(a -> a.toTcpSocketAddress()
                                                            .isPresent())
                                                    .toList());
                            seen.add(kp.id());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopping: return what was found so far
                    return responded.stream().sorted(byDistance).limit(K).toList();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOG.debug("FIND_NODE query to {} failed", batch.get(i), e);
                    table.remove(batch.get(i));
                }
            }
        }
        return responded.stream().sorted(byDistance).limit(K).toList();
    }

    private List<KadMessage.KadPeer> query(PeerId peer, byte[] key) {
        try {
            P2pStream s = host.newStream(peer, List.of(PROTOCOL));
            try {
                LengthPrefixed.write(s.out(), new KadMessage(KadMessage.FIND_NODE, key, List.of()).encode());
                s.out().flush();
                byte[] reply = LengthPrefixed.read(s.in(), MAX_MESSAGE);
                if (reply == null) {
                    throw new IOException("no FIND_NODE reply");
                }
                table.add(peer);
                return KadMessage.decode(reply).closerPeers();
            } finally {
                s.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void serve(P2pStream s) throws IOException {
        try {
            for (int i = 0; i < MAX_REQUESTS_PER_STREAM; i++) {
                byte[] req = LengthPrefixed.read(s.in(), MAX_MESSAGE);
                if (req == null) {
                    return;
                }
                KadMessage m = KadMessage.decode(req);
                KadMessage reply = switch (m.type()) {
                    case KadMessage.FIND_NODE -> {
                        if (m.key() == null) {
                            throw new IOException("FIND_NODE without key");
                        }
                        List<KadMessage.KadPeer> closer = new ArrayList<>();
                        for (PeerId p : table.closest(m.key(), K)) {
                            if (!p.equals(s.remotePeer())) {
                                closer.add(new KadMessage.KadPeer(
                                        p, host.peerstore().addrs(p)));
                            }
                        }
                        yield new KadMessage(KadMessage.FIND_NODE, m.key(), closer);
                    }
                    case KadMessage.PING -> new KadMessage(KadMessage.PING, null, List.of());
                    default -> throw new IOException("unsupported kad message type " + m.type());
                };
                LengthPrefixed.write(s.out(), reply.encode());
                s.out().flush();
            }
        } finally {
            s.close();
        }
    }
}
