package io.chaoschain.p2p;

import io.chaoschain.core.Service;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.IdentifyMessage;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.MuxedConnection;
import io.chaoschain.p2p.internal.Multistream;
import io.chaoschain.p2p.internal.Upgrader;
import io.chaoschain.p2p.internal.yamux.YamuxStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host over TCP: listens and dials, secures connections with Noise, multiplexes them with yamux, negotiates
 * protocols with multistream-select, and serves identify ({@value IdentifyMessage#PROTOCOL_ID} and push) and ping
 * ({@value #PING_PROTOCOL}). Blocking calls are meant for virtual threads.
 */
public final class Host implements Service {
  public static final String PING_PROTOCOL = "/ipfs/ping/1.0.0";
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);
  private static final int PING_SIZE = 32;

  private final HostConfig config;
  private final Peerstore peerstore = new Peerstore();
  private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
  private final Map<PeerId, List<MuxedConnection>> connections = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> boundAddrs = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  // inbound sockets accepted but not yet upgraded: they count against maxConnections, so a flood of half-finished
  // handshakes cannot hold more sockets (and upgrade buffers) than the connection limit allows
  private final java.util.concurrent.atomic.AtomicInteger pendingInbound = new java.util.concurrent.atomic.AtomicInteger();
  private final SecureRandom random = new SecureRandom();

  public Host(HostConfig config) {
    this.config = config;
    handlers.put(IdentifyMessage.PROTOCOL_ID, this::serveIdentify);
    handlers.put(IdentifyMessage.PUSH_PROTOCOL_ID, this::receiveIdentifyPush);
    handlers.put(PING_PROTOCOL, Host::servePing);
  }

  public PeerId peerId() {
    return config.identity().peerId();
  }

  public HostConfig config() {
    return config;
  }

  public Peerstore peerstore() {
    return peerstore;
  }

  /** The addresses actually bound (ports resolved), without the /p2p suffix. */
  public List<Multiaddr> listenAddrs() {
    return List.copyOf(boundAddrs);
  }

  @Override
  public CompletableFuture<Void> start() {
    if (!running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      for (Multiaddr addr : config.listenAddrs()) {
        InetSocketAddress sa =
            addr.toTcpSocketAddress().orElseThrow(() -> new IllegalArgumentException("not a TCP listen address: " + addr));
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(sa, 128);
        servers.add(server);
        boundAddrs.add(Multiaddr.tcp((InetSocketAddress) server.getLocalSocketAddress()));
        Thread.ofVirtual().name("p2p-accept-" + server.getLocalPort()).start(() -> acceptLoop(server));
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      stop();
      return CompletableFuture.failedFuture(
          new io.chaoschain.core.UserFacingException("error: cannot listen on " + config.listenAddrs() + ": " + e.getMessage(), e));
    }
  }

  @Override
  public CompletableFuture<Void> stop() {
    running.set(false);
    for (ServerSocket s : servers) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    servers.clear();
    connections().forEach(Connection::close);
    return CompletableFuture.completedFuture(null);
  }

  private void acceptLoop(ServerSocket server) {
    while (running.get()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException e) {
        return; // closed by stop()
      } catch (IOException e) {
        LOG.debug("accept failed", e);
        continue;
      }
      if (connectionCount() + pendingInbound.get() >= config.maxConnections()) {
        LOG.debug("refusing inbound connection from {}: limit of {} reached", socket.getRemoteSocketAddress(), config.maxConnections());
        closeQuietly(socket);
        continue;
      }
      pendingInbound.incrementAndGet();
      Thread.ofVirtual().name("p2p-upgrade-in").start(() -> {
        MuxedConnection conn;
        try {
          conn = upgrade(socket, false, null);
        } catch (IOException | RuntimeException e) {
          pendingInbound.decrementAndGet();
          LOG.debug("inbound upgrade from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
          closeQuietly(socket);
          return;
        }
        // counted as a connection from here on; the slot moves from pending to registered without a gap
        connections.computeIfAbsent(conn.remotePeer(), p -> new CopyOnWriteArrayList<>()).add(conn);
        pendingInbound.decrementAndGet();
        register(conn);
      });
    }
  }

  /**
   * Upgrades within the handshake timeout as a whole: the socket timeout only bounds each read, so a peer trickling one
   * byte at a time would otherwise hold the slot forever; a watchdog closes the socket at the deadline.
   */
  private MuxedConnection upgrade(Socket socket, boolean outbound, PeerId expected) throws IOException {
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture.delayedExecutor(config.handshakeTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (done.compareAndSet(false, true)) {
            closeQuietly(socket);
          }
        });
    try {
      MuxedConnection conn = upgradeWithinDeadline(socket, outbound, expected);
      if (!done.compareAndSet(false, true)) {
        throw new IOException("handshake timed out after " + config.handshakeTimeout().toMillis() + " ms");
      }
      return conn;
    } catch (IOException | RuntimeException e) {
      done.set(true);
      throw e;
    }
  }

  /** Inbound handshakes under way (accepted sockets not yet upgraded); they count against the connection limit. */
  public int pendingHandshakes() {
    return pendingInbound.get();
  }

  private MuxedConnection upgradeWithinDeadline(Socket socket, boolean outbound, PeerId expected) throws IOException {
    return Upgrader.upgrade(
        socket,
        outbound,
        config.identity().privateKey(),
        expected,
        config.maxInboundStreamsPerConnection(),
        (int) config.handshakeTimeout().toMillis(),
        this::onInboundStream,
        this::onClosed);
  }

  /** Registers the connection (if not yet), runs identify, then tells listeners. */
  private void register(MuxedConnection conn) {
    List<MuxedConnection> list = connections.computeIfAbsent(conn.remotePeer(), p -> new CopyOnWriteArrayList<>());
    if (!list.contains(conn)) {
      list.add(conn);
    }
    peerstore.setPublicKey(conn.remotePeer(), conn.remotePublicKey());
    Upgrader.start(conn);
    try {
      identify(conn);
    } catch (IOException | RuntimeException e) {
      LOG.debug("identify of {} failed: {}", conn.remotePeer(), e.toString());
    }
    if (conn.isOpen()) {
      listeners.forEach(l -> l.connected(conn));
    }
  }

  private void onClosed(MuxedConnection conn) {
    List<MuxedConnection> list = connections.get(conn.remotePeer());
    if (list != null && list.remove(conn)) {
      connections.computeIfPresent(conn.remotePeer(), (p, l) -> l.isEmpty() ? null : l);
      Thread.ofVirtual().start(() -> listeners.forEach(l -> l.disconnected(conn)));
    }
  }

  private void onInboundStream(MuxedConnection conn, YamuxStream ys) {
    P2pStream stream = Upgrader.inboundStream(conn, ys);
    try {
      Optional<String> protocol =
          Multistream.handle(stream.in(), stream.out(), handlers::containsKey, handlers.keySet());
      if (protocol.isEmpty()) {
        stream.close();
        return;
      }
      StreamHandler h = handlers.get(protocol.get());
      if (h == null) {
        stream.reset();
        return;
      }
      Upgrader.setProtocol(stream, protocol.get());
      h.handle(stream);
    } catch (IOException | RuntimeException e) {
      LOG.debug("inbound stream from {} failed: {}", conn.remotePeer(), e.toString());
      stream.reset();
    }
  }

  /** Dials {@code addr} (a TCP multiaddr, optionally ending in /p2p/ID), reusing an open connection to that peer. */
  public Connection connect(Multiaddr addr) throws IOException {
    Optional<PeerId> expected = addr.peerId();
    if (expected.isPresent()) {
      if (expected.get().equals(peerId())) {
        throw new IOException("refusing to dial self");
      }
      Optional<Connection> existing = connection(expected.get());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    if (!running.get()) {
      throw new IOException("host is not running");
    }
    InetSocketAddress target =
        addr.toTcpSocketAddress().orElseThrow(() -> new IOException("cannot dial non-TCP address " + addr));
    Socket socket = new Socket();
    try {
      socket.connect(target, (int) config.handshakeTimeout().toMillis());
      MuxedConnection conn = upgrade(socket, true, expected.orElse(null));
      peerstore.addAddrs(conn.remotePeer(), List.of(addr.withoutPeerId()));
      register(conn);
      return conn;
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e instanceof IOException io ? io : new IOException("dial " + addr + " failed: " + e.getMessage(), e);
    }
  }

  /** Connects to a peer through the addresses the peerstore knows. */
  public Connection connect(PeerId peer) throws IOException {
    Optional<Connection> existing = connection(peer);
    if (existing.isPresent()) {
      return existing.get();
    }
    IOException last = new IOException("no known addresses for " + peer);
    for (Multiaddr a : peerstore.addrs(peer)) {
      try {
        return connect(a.withPeerId(peer));
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  public Optional<Connection> connection(PeerId peer) {
    List<MuxedConnection> list = connections.get(peer);
    if (list == null) {
      return Optional.empty();
    }
    return list.stream().filter(MuxedConnection::isOpen).map(c -> (Connection) c).findFirst();
  }

  public List<Connection> connections() {
    List<Connection> out = new ArrayList<>();
    connections.values().forEach(out::addAll);
    return out;
  }

  public int connectionCount() {
    return connections.values().stream().mapToInt(List::size).sum();
  }

  public Set<PeerId> connectedPeers() {
    return Set.copyOf(connections.keySet());
  }

  public void disconnect(PeerId peer) {
    List<MuxedConnection> list = connections.get(peer);
    if (list != null) {
      list.forEach(MuxedConnection::close);
    }
  }

  /** Opens a stream to {@code peer}, dialing it first if needed. */
  public P2pStream newStream(PeerId peer, List<String> protocols) throws IOException {
    return connect(peer).newStream(protocols);
  }

  public void setStreamHandler(String protocol, StreamHandler handler) {
    handlers.put(protocol, handler);
    if (running.get()) {
      pushIdentify();
    }
  }

  public void removeStreamHandler(String protocol) {
    if (handlers.remove(protocol) != null && running.get()) {
      pushIdentify();
    }
  }

  public Set<String> protocols() {
    return Set.copyOf(handlers.keySet());
  }

  public void addListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ConnectionListener listener) {
    listeners.remove(listener);
  }

  // ---- ping (/ipfs/ping/1.0.0): echo 32-byte payloads ----

  /** Round trip of one libp2p ping to {@code peer}. */
  public Duration ping(PeerId peer) throws IOException {
    P2pStream s = newStream(peer, List.of(PING_PROTOCOL));
    try {
      byte[] payload = new byte[PING_SIZE];
      random.nextBytes(payload);
      long start = System.nanoTime();
      s.out().write(payload);
      s.out().flush();
      byte[] echo = new byte[PING_SIZE];
      LengthPrefixed.readFully(s.in(), echo);
      Duration rtt = Duration.ofNanos(System.nanoTime() - start);
      if (!Arrays.equals(payload, echo)) {
        throw new IOException("ping: " + peer + " echoed a different payload");
      }
      return rtt;
    } finally {
      s.close();
    }
  }

  private static void servePing(P2pStream s) throws IOException {
    byte[] buf = new byte[PING_SIZE];
    try {
      while (true) {
        int off = 0;
        while (off < PING_SIZE) {
          int n = s.in().read(buf, off, PING_SIZE - off);
          if (n < 0) {
            return;
          }
          off += n;
        }
        s.out().write(buf);
        s.out().flush();
      }
    } finally {
      s.close();
    }
  }

  // ---- identify (/ipfs/id/1.0.0 and /ipfs/id/push/1.0.0) ----

  private IdentifyMessage identifyMessage(Connection conn) {
    List<Multiaddr> addrs = listenAddrs();
    List<String> protos = handlers.keySet().stream().sorted(Comparator.naturalOrder()).toList();
    return new IdentifyMessage(
        "ipfs/0.1.0",
        config.agentVersion(),
        config.identity().privateKey().publicKey().marshal(),
        addrs,
        conn.remoteAddress(),
        protos);
  }

  private void serveIdentify(P2pStream s) throws IOException {
    try {
      LengthPrefixed.write(s.out(), identifyMessage(s.connection()).encode());
      s.out().flush();
    } finally {
      s.close();
    }
  }

  private void receiveIdentifyPush(P2pStream s) throws IOException {
    try {
      byte[] msg = LengthPrefixed.read(s.in(), IdentifyMessage.MAX_SIZE);
      if (msg != null) {
        apply(s.connection(), IdentifyMessage.decode(msg));
      }
    } finally {
      s.close();
    }
  }

  private void identify(Connection conn) throws IOException {
    P2pStream s = conn.newStream(IdentifyMessage.PROTOCOL_ID);
    try {
      byte[] msg = LengthPrefixed.read(s.in(), IdentifyMessage.MAX_SIZE);
      if (msg == null) {
        throw new IOException("identify: peer sent nothing");
      }
      apply(conn, IdentifyMessage.decode(msg));
    } finally {
      s.close();
    }
  }

  private void apply(Connection conn, IdentifyMessage m) {
    PeerId peer = conn.remotePeer();
    if (m.publicKey() != null) {
      PublicKey key = PublicKey.unmarshal(m.publicKey());
      if (!peer.matches(key)) {
        throw new MalformedMessageException("identify: public key does not match peer " + peer);
      }
    }
    peerstore.addAddrs(peer, m.listenAddrs().stream().filter(a -> a.toTcpSocketAddress().isPresent()).toList());
    Set<String> before = peerstore.protocols(peer);
    peerstore.setProtocols(peer, m.protocols());
    if (m.agentVersion() != null) {
      peerstore.setAgentVersion(peer, m.agentVersion());
    }
    if (!before.equals(peerstore.protocols(peer))) {
      listeners.forEach(l -> l.protocolsChanged(peer));
    }
  }

  private void pushIdentify() {
    for (Connection c : connections()) {
      Thread.ofVirtual().start(() -> {
        try {
          P2pStream s = c.newStream(IdentifyMessage.PUSH_PROTOCOL_ID);
          try {
            LengthPrefixed.write(s.out(), identifyMessage(c).encode());
            s.out().flush();
          } finally {
            s.close();
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("identify push to {} failed: {}", c.remotePeer(), e.toString());
        }
      });
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public String name() {
    return "p2p-host";
  }
}
