package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.Service;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.ConnectionListener;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.OwnedThreads;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub v1.1 on a {@link Host}: speaks {@code /meshsub/1.1.0} (and 1.0.0) with one long-lived outbound stream per
 * peer carrying varint-length-prefixed RPCs, and runs a {@link GossipRouter} on a single thread. Peers offering only
 * {@code /meshsub/1.2.0} fall back to 1.1.0 through multistream-select {@code na}.
 *
 * <p>Threads: the router thread (every router call, validators included), a heartbeat timer, one delivery thread
 * that runs subscribers' {@link MessageHandler}s (see {@link #subscribe}), one writer thread per peer, and short-lived
 * peer-exchange dials. All of them belong to this service: {@link #stop()} ends them and waits for them. A stopped
 * instance cannot be started again; create a new one.
 */
public final class Gossipsub implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Gossipsub.class);
    private static final List<String> PROTOCOLS = List.of(GossipRouter.PROTOCOL_V11, GossipRouter.PROTOCOL_V10);

    private final Host host;
    private final GossipRouter router;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final ExecutorService loop = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("gossipsub").factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("gossipsub-heartbeat").factory());
    // subscribers' handlers run here, off the router thread; the bounded queue keeps a slow handler from holding memory
    private final ThreadPoolExecutor delivery;
    private final OwnedThreads threads = new OwnedThreads("gossipsub");
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong droppedDeliveries = new AtomicLong();
    private final Map<PeerId, OutboundRpcStream> outbound = new ConcurrentHashMap<>();
    // the outbound each peer was added to the router with; touched only on the router thread
    private final Map<PeerId, OutboundRpcStream> routerView = new java.util.HashMap<>();
    private final AtomicLong droppedRpcs = new AtomicLong();
    private final AtomicLong queuedInbound = new AtomicLong();
    private final Map<PeerId, java.util.concurrent.Semaphore> inboundBudget = new ConcurrentHashMap<>();
    private final int inboundBudgetBytes;
    private final int maxRpcSize;
    private ScheduledFuture<?> heartbeat;
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void connected(Connection c) {
            maybeAddPeer(c);
        }

        @Override
        public void protocolsChanged(PeerId peer) {
            host.connection(peer).ifPresent(Gossipsub.this::maybeAddPeer);
        }

        @Override
        public void disconnected(Connection c) {
            dropPeer(c);
        }
    };

    public Gossipsub(Host host, GossipsubParams params, PeerScoreParams scoreParams, PeerScoreThresholds thresholds) {
        this(host, params, scoreParams, thresholds, new SecureRandom());
    }

    public Gossipsub(
            Host host,
            GossipsubParams params,
            PeerScoreParams scoreParams,
            PeerScoreThresholds thresholds,
            Random random) {
        this.host = host;
        this.maxRpcSize = params.maxMessageSize() + 64 * 1024;
        // room for two maximal RPCs, or many small ones, per peer
        this.inboundBudgetBytes = 2 * maxRpcSize;
        this.router = new GossipRouter(
                host.config().identity().privateKey(),
                params,
                scoreParams,
                thresholds,
                host.config().time(),
                random,
                this::send);
        router.onPeerExchange(this::connectToExchangedPeers);
        this.delivery = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(params.maxPendingDeliveries()),
                Thread.ofVirtual().name("gossipsub-delivery").factory());
    }

    /** Defaults: spec parameters, default thresholds, scoring for no topic (P5-P7 only). */
    public static Gossipsub withDefaults(Host host) {
        return new Gossipsub(
                host, GossipsubParams.defaults(), PeerScoreParams.defaults(Map.of()), PeerScoreThresholds.defaults());
    }

    /** Starts serving the meshsub protocols and the heartbeat. Fails for an instance that was stopped. */
    @Override
    public CompletableFuture<Void> start() {
        if (stopped.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("gossipsub was stopped; create a new instance"));
        }
        if (!started.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            for (String p : PROTOCOLS) {
                host.setStreamHandler(p, this::handleInbound);
            }
            host.addListener(listener);
            host.connections().forEach(this::maybeAddPeer);
            long interval = router.params().heartbeatInterval().toMillis();
            heartbeat = timer.scheduleAtFixedRate(this::scheduleHeartbeat, 100, interval, TimeUnit.MILLISECONDS);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            stop(); // undoes what was done, each once
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Stops: writes what is queued to each peer (up to 1 s), closes the streams, delivers the messages already queued for
     * subscribers, and ends every thread of this service, waiting for them. Safe to call more than once, or without
     * start.
     */
    @Override
    public CompletableFuture<Void> stop() {
        if (!stopped.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        host.removeListener(listener);
        PROTOCOLS.forEach(host::removeStreamHandler);
        // graceful: RPCs already queued (e.g. a message published just before stopping) are still written, for up to 1
        // s
        List<OutboundRpcStream> outs = List.copyOf(outbound.values());
        outbound.clear();
        outs.forEach(OutboundRpcStream::finish);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (OutboundRpcStream o : outs) {
            try {
                if (!o.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    o.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                o.close();
            }
        }
        timer.shutdownNow();
        awaitTermination("heartbeat timer", timer);
        loop.shutdown();
        awaitTermination("router", loop);
        List<String> left = threads.shutdown(Duration.ZERO, STOP_TIMEOUT);
        if (!left.isEmpty()) {
            LOG.warn("gossipsub stopped with {} threads still running: {}", left.size(), left);
        }
        delivery.shutdown();
        awaitTermination("delivery", delivery);
        return CompletableFuture.completedFuture(null);
    }

    /** Waits for an executor to finish its queue; after {@link #STOP_TIMEOUT} its threads are interrupted. */
    private static void awaitTermination(String what, ExecutorService executor) {
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("gossipsub {} thread did not stop within {} s", what, 2 * STOP_TIMEOUT.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void scheduleHeartbeat() {
        try {
            loop.execute(this::safeHeartbeat);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void safeHeartbeat() {
        try {
            router.heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("gossipsub heartbeat failed", e);
        }
    }

    // ---------------------------------------------------------------- public API (thread-safe)

    /**
     * Subscribes to {@code topic} (replacing an earlier handler of the topic). Each validated message is handed to
     * {@code handler} on this service's delivery thread, never on the router thread, so a handler may block (store the
     * message, call {@link #publish}) without stalling routing for everyone. Handlers of all topics share that one
     * thread and see messages in the order the router accepted them. The queue in front of it holds
     * {@link GossipsubParams#maxPendingDeliveries()} messages: when a handler falls that far behind, further messages
     * are still relayed to peers but not delivered locally, counted in {@link #droppedDeliveries()} and logged. A
     * handler that throws is logged with its stack trace; delivery goes on.
     */
    public void subscribe(String topic, MessageHandler handler) {
        MessageHandler queued = m -> deliver(topic, handler, m);
        call(r -> {
            r.subscribe(topic, queued);
            return null;
        });
    }

    /** Runs on the router thread: queues {@code m} for the delivery thread. */
    private void deliver(String topic, MessageHandler handler, PubsubMessage m) {
        try {
            delivery.execute(() -> {
                try {
                    handler.onMessage(m);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "gossipsub handler for {} failed on a message from {}",
                            topic,
                            m.publisher().orElse(null),
                            e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (delivery.isShutdown()) {
                return; // stopping
            }
            long n = droppedDeliveries.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn(
                        "gossipsub subscribers are {} messages behind; {} message(s) relayed but not delivered locally so far",
                        router.params().maxPendingDeliveries(),
                        n);
            }
        }
    }

    /** Validated messages not handed to a subscriber because the delivery queue was full (a slow handler). */
    public long droppedDeliveries() {
        return droppedDeliveries.get();
    }

    /** Messages waiting for the delivery thread. */
    public int pendingDeliveries() {
        return delivery.getQueue().size();
    }

    public void unsubscribe(String topic) {
        call(r -> {
            r.unsubscribe(topic);
            return null;
        });
    }

    public void addValidator(String topic, Validator validator) {
        call(r -> {
            r.addValidator(topic, validator);
            return null;
        });
    }

    public GossipRouter.PublishResult publish(String topic, byte[] data) {
        return call(r -> r.publish(topic, data));
    }

    public Set<PeerId> meshPeers(String topic) {
        return call(r -> r.mesh(topic));
    }

    public Set<PeerId> topicPeers(String topic) {
        return call(r -> r.topicPeers(topic));
    }

    public double score(PeerId peer) {
        return call(r -> r.score(peer));
    }

    public PeerId peerId() {
        return router.self();
    }

    /** RPCs dropped because a peer's outbound queue was full (a slow or stalled peer). */
    public long droppedRpcs() {
        return droppedRpcs.get();
    }

    /**
     * Runs {@code f} on the router thread and waits for its result.
     *
     * @throws IllegalStateException when this service is stopped
     */
    public <T> T call(Function<GossipRouter, T> f) {
        try {
            return CompletableFuture.supplyAsync(() -> f.apply(router), loop).get(30, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("gossipsub is stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("gossipsub router did not answer in 30 s", e);
        }
    }

    // ---------------------------------------------------------------- peers and streams

    private void maybeAddPeer(Connection c) {
        Set<String> protos = host.peerstore().protocols(c.remotePeer());
        if (PROTOCOLS.stream().anyMatch(protos::contains)) {
            ensurePeer(c);
        }
    }

    /**
     * Makes sure an outbound RPC stream exists for the peer on an open connection. A peer that restarts reconnects
     * while its old connection may not yet have been noticed as dead; the outbound bound to the dead connection is then
     * replaced, and the router sees the peer leave and come back (fresh mesh state) rather than keeping stale state.
     */
    private void ensurePeer(Connection c) {
        if (!c.isOpen()) {
            return;
        }
        PeerId peer = c.remotePeer();
        OutboundRpcStream fresh =
                new OutboundRpcStream(peer, c, router.params().maxPendingRpcsPerPeer(), PROTOCOLS, this::lostPeer);
        OutboundRpcStream current = outbound.compute(peer, (p, old) -> old != null && old.isUsable() ? old : fresh);
        if (current == fresh) {
            try {
                threads.start("gossipsub-out", fresh::run);
            } catch (RejectedExecutionException e) {
                outbound.remove(peer, fresh); // stopping
                return;
            }
            syncRouter(peer);
        }
    }

    /** Called when an outbound stream or connection died: drop it, and carry on over another open connection if any. */
    private void lostPeer(PeerId peer, OutboundRpcStream dead) {
        dead.close();
        if (outbound.remove(peer, dead)) {
            host.connection(peer).ifPresentOrElse(this::maybeAddPeer, () -> inboundBudget.remove(peer));
            syncRouter(peer);
        }
    }

    private void dropPeer(Connection c) {
        OutboundRpcStream out = outbound.get(c.remotePeer());
        if (out != null && out.connection == c) {
            lostPeer(c.remotePeer(), out);
        }
    }

    /**
     * Brings the router's view of the peer in line with the outbound map, on the router thread: connections come and go
     * on many threads, so the router is told the latest state, never a stale event.
     */
    private void syncRouter(PeerId peer) {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.execute(() -> {
                OutboundRpcStream now = outbound.get(peer);
                OutboundRpcStream known = routerView.get(peer);
                if (now == known) {
                    return;
                }
                if (known != null) {
                    router.removePeer(peer);
                    routerView.remove(peer);
                }
                if (now != null) {
                    router.addPeer(
                            peer,
                            now.connection.outbound(),
                            now.connection
                                    .remoteAddress()
                                    .components()
                                    .getFirst()
                                    .valueText());
                    routerView.put(peer, now);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: the router is gone with the service
        }
    }

    /**
     * Reads RPCs from a peer's stream and queues them for the router. Each peer has a budget of queued-but-unhandled
     * bytes: when it is spent the reader waits for the router, so a flooding peer is slowed by yamux flow control
     * instead of growing our queue (memory stays bounded by peers x budget).
     */
    private void handleInbound(P2pStream stream) throws IOException {
        PeerId peer = stream.remotePeer();
        ensurePeer(stream.connection());
        // the router must know the peer before its first RPC (its subscriptions) arrives, or it drops that RPC: when
        // another
        // thread created the outbound a moment ago, its syncRouter may not be queued yet, so queue one here, ahead of
        // the RPCs
        syncRouter(peer);
        java.util.concurrent.Semaphore budget =
                inboundBudget.computeIfAbsent(peer, p -> new java.util.concurrent.Semaphore(inboundBudgetBytes));
        try {
            while (true) {
                byte[] bytes = LengthPrefixed.read(stream.in(), maxRpcSize);
                if (bytes == null) {
                    break;
                }
                int cost = Math.min(bytes.length + 64, inboundBudgetBytes);
                budget.acquire(cost);
                queuedInbound.addAndGet(cost);
                Runnable release = () -> {
                    queuedInbound.addAndGet(-cost);
                    budget.release(cost);
                };
                Rpc rpc;
                try {
                    rpc = Rpc.decode(bytes);
                } catch (MalformedMessageException e) {
                    LOG.debug("malformed RPC from {}", peer, e);
                    execute(() -> router.penalize(peer, 1), release);
                    continue;
                }
                execute(
                        () -> {
                            try {
                                router.handleRpc(peer, rpc);
                            } catch (RuntimeException e) {
                                LOG.debug("RPC from {} failed", peer, e);
                                router.penalize(peer, 1);
                            }
                        },
                        release);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
        }
    }

    private void execute(Runnable task, Runnable release) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } finally {
                    release.run();
                }
            });
        } catch (RejectedExecutionException e) {
            release.run(); // stopped
        }
    }

    /** Bytes of inbound RPCs read from peers and waiting for the router (bounded by peers x per-peer budget). */
    public long queuedInboundBytes() {
        return queuedInbound.get();
    }

    private void send(PeerId peer, Rpc rpc) {
        OutboundRpcStream out = outbound.get(peer);
        if (out == null) {
            return;
        }
        if (!out.queue.offer(rpc.encode())) {
            droppedRpcs.incrementAndGet();
        }
    }

    private void connectToExchangedPeers(List<PeerId> peers) {
        for (PeerId p : peers) {
            List<Multiaddr> addrs = host.peerstore().addrs(p);
            if (!addrs.isEmpty() && host.connection(p).isEmpty()) {
                try {
                    threads.start("gossipsub-px-dial", () -> {
                        try {
                            host.connect(p);
                        } catch (IOException e) {
                            LOG.debug("PX connect to {} failed", p, e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    return; // stopping
                }
            }
        }
    }
}
