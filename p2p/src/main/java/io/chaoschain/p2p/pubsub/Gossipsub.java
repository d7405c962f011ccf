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
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub v1.1 on a {@link Host}: speaks {@code /meshsub/1.1.0} (and 1.0.0) with one long-lived outbound stream per
 * peer carrying varint-length-prefixed RPCs, and runs a {@link GossipRouter} on a single thread. Peers offering only
 * {@code /meshsub/1.2.0} fall back to 1.1.0 through multistream-select {@code na}.
 */
public final class Gossipsub implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(Gossipsub.class);
  private static final List<String> PROTOCOLS = List.of(GossipRouter.PROTOCOL_V11, GossipRouter.PROTOCOL_V10);

  private final Host host;
  private final GossipRouter router;
  private final ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("gossipsub").factory());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gossipsub-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final Map<PeerId, Outbound> outbound = new ConcurrentHashMap<>();
  // the outbound each peer was added to the router with; touched only on the router thread
  private final Map<PeerId, Outbound> routerView = new java.util.HashMap<>();
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
      Host host, GossipsubParams params, PeerScoreParams scoreParams, PeerScoreThresholds thresholds, Random random) {
    this.host = host;
    this.maxRpcSize = params.maxMessageSize() + 64 * 1024;
    // room for two maximal RPCs, or many small ones, per peer
    this.inboundBudgetBytes = 2 * maxRpcSize;
    this.router = new GossipRouter(
        host.config().identity().privateKey(), params, scoreParams, thresholds, host.config().time(), random, this::send);
    router.onPeerExchange(this::connectToExchangedPeers);
  }

  /** Defaults: spec parameters, default thresholds, scoring for no topic (P5-P7 only). */
  public static Gossipsub withDefaults(Host host) {
    return new Gossipsub(host, GossipsubParams.defaults(), PeerScoreParams.defaults(Map.of()), PeerScoreThresholds.defaults());
  }

  @Override
  public CompletableFuture<Void> start() {
    for (String p : PROTOCOLS) {
      host.setStreamHandler(p, this::handleInbound);
    }
    host.addListener(listener);
    host.connections().forEach(this::maybeAddPeer);
    long interval = router.params().heartbeatInterval().toMillis();
    heartbeat = timer.scheduleAtFixedRate(() -> loop.execute(this::safeHeartbeat), 100, interval, TimeUnit.MILLISECONDS);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    host.removeListener(listener);
    PROTOCOLS.forEach(host::removeStreamHandler);
    // graceful: RPCs already queued (e.g. a message published just before stopping) are still written, for up to 1 s
    List<Outbound> outs = List.copyOf(outbound.values());
    outbound.clear();
    outs.forEach(Outbound::finish);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Outbound o : outs) {
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
    loop.shutdown();
    return CompletableFuture.completedFuture(null);
  }

  private void safeHeartbeat() {
    try {
      router.heartbeat();
    } catch (RuntimeException e) {
      LOG.warn("gossipsub heartbeat failed", e);
    }
  }

  // ---------------------------------------------------------------- public API (thread-safe)

  public void subscribe(String topic, MessageHandler handler) {
    call(r -> {
      r.subscribe(topic, handler);
      return null;
    });
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

  /** Runs {@code f} on the router thread and waits for its result. */
  public <T> T call(Function<GossipRouter, T> f) {
    try {
      return CompletableFuture.supplyAsync(() -> f.apply(router), loop).get(30, TimeUnit.SECONDS);
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
    Outbound fresh = new Outbound(peer, c, router.params().maxPendingRpcsPerPeer());
    Outbound current = outbound.compute(peer, (p, old) -> old != null && old.connection.isOpen() && !old.closed ? old : fresh);
    if (current == fresh) {
      Thread.ofVirtual().name("gossipsub-out").start(() -> fresh.run());
      syncRouter(peer);
    }
  }

  /** Called when an outbound stream or connection died: drop it, and carry on over another open connection if any. */
  private void lostPeer(PeerId peer, Outbound dead) {
    dead.close();
    if (outbound.remove(peer, dead)) {
      host.connection(peer).ifPresentOrElse(this::maybeAddPeer, () -> inboundBudget.remove(peer));
      syncRouter(peer);
    }
  }

  private void dropPeer(Connection c) {
    Outbound out = outbound.get(c.remotePeer());
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
    loop.execute(() -> {
      Outbound now = outbound.get(peer);
      Outbound known = routerView.get(peer);
      if (now == known) {
        return;
      }
      if (known != null) {
        router.removePeer(peer);
        routerView.remove(peer);
      }
      if (now != null) {
        router.addPeer(peer, now.connection.outbound(), now.connection.remoteAddress().components().getFirst().valueText());
        routerView.put(peer, now);
      }
    });
  }

  /**
   * Reads RPCs from a peer's stream and queues them for the router. Each peer has a budget of queued-but-unhandled
   * bytes: when it is spent the reader waits for the router, so a flooding peer is slowed by yamux flow control
   * instead of growing our queue (memory stays bounded by peers x budget).
   */
  private void handleInbound(P2pStream stream) throws IOException {
    PeerId peer = stream.remotePeer();
    ensurePeer(stream.connection());
    java.util.concurrent.Semaphore budget = inboundBudget.computeIfAbsent(peer, p -> new java.util.concurrent.Semaphore(inboundBudgetBytes));
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
          LOG.debug("malformed RPC from {}: {}", peer, e.getMessage());
          execute(() -> router.penalize(peer, 1), release);
          continue;
        }
        execute(() -> {
          try {
            router.handleRpc(peer, rpc);
          } catch (RuntimeException e) {
            LOG.debug("RPC from {} failed: {}", peer, e.toString());
            router.penalize(peer, 1);
          }
        }, release);
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
      release.run(); // stopped
    }
  }

  /** Bytes of inbound RPCs read from peers and waiting for the router (bounded by peers x per-peer budget). */
  public long queuedInboundBytes() {
    return queuedInbound.get();
  }

  private void send(PeerId peer, Rpc rpc) {
    Outbound out = outbound.get(peer);
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
        Thread.ofVirtual().start(() -> {
          try {
            host.connect(p);
          } catch (IOException e) {
            LOG.debug("PX connect to {} failed: {}", p, e.getMessage());
          }
        });
      }
    }
  }

  /** The outbound RPC stream to one peer: a bounded queue drained by one virtual thread. */
  private final class Outbound {
    private static final byte[] CLOSE = new byte[0];
    private final PeerId peer;
    final Connection connection;
    final BlockingQueue<byte[]> queue;
    private volatile P2pStream stream;
    private volatile boolean closed;
    final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

    Outbound(PeerId peer, Connection connection, int capacity) {
      this.peer = peer;
      this.connection = connection;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void run() {
      try {
        stream = connection.newStream(PROTOCOLS);
        if (closed) {
          stream.close();
          return;
        }
        List<byte[]> batch = new ArrayList<>();
        while (!closed) {
          byte[] first = queue.take();
          if (first == CLOSE) {
            break;
          }
          batch.add(first);
          queue.drainTo(batch, 256);
          for (byte[] b : batch) {
            if (b == CLOSE) {
              closed = true;
              break;
            }
            LengthPrefixed.write(stream.out(), b);
          }
          batch.clear();
          stream.out().flush();
        }
        stream.close();
      } catch (IOException e) {
        LOG.debug("gossipsub stream to {} failed: {}", peer, e.getMessage());
        lostPeer(peer, this);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.countDown();
      }
    }

    /** Stops after writing what is already queued. */
    void finish() {
      if (!queue.offer(CLOSE)) {
        close();
      }
    }

    void close() {
      closed = true;
      queue.clear();
      queue.offer(CLOSE);
    }
  }
}
