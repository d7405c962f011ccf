package io.chaoschain.p2p;

import io.chaoschain.core.Service;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.p2p.crypto.PublicKey;
import io.chaoschain.p2p.internal.IdentifyMessage;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.internal.Multistream;
import io.chaoschain.p2p.internal.MuxedConnection;
import io.chaoschain.p2p.internal.OwnedThreads;
import io.chaoschain.p2p.internal.Upgrader;
import io.chaoschain.p2p.internal.yamux.YamuxStream;
import java.io.IOException;
import java.net.BindException;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host over TCP: listens and dials, secures connections with Noise, multiplexes them with yamux, negotiates
 * protocols with multistream-select, and serves identify ({@value IdentifyMessage#PROTOCOL_ID} and push) and ping
 * ({@value #PING_PROTOCOL}). Blocking calls are meant for virtual threads.
 *
 * <p>Every thread the host runs (accept loops, handshakes and their watchdogs, each connection's yamux reader and
 * writer, one thread per inbound stream running its {@link StreamHandler}, listener notifications, identify pushes)
 * belongs to the host: {@link #stop()} closes the listeners and connections, waits for those threads to end and
 * interrupts the stragglers. A stopped host can be started again.
 */
public final class Host implements Service {
    public static final String PING_PROTOCOL = "/ipfs/ping/1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    private static final int PING_SIZE = 32;
    /** How long stop() lets the host's threads finish on their own (connections write their go-away) before interrupting. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

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
    private final AtomicInteger pendingInbound = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    // replaced on each start, so a stopped host can start again; shut down by stop()
    private volatile OwnedThreads threads = new OwnedThreads("p2p-host");

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

    /**
     * Binds every listen address and starts accepting. When an address cannot be bound (port in use, address not
     * local), the sockets bound so far are closed, the host stays stopped, and the future fails with a
     * {@link UserFacingException} naming the address.
     */
    @Override
    public CompletableFuture<Void> start() {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        OwnedThreads owned = new OwnedThreads("p2p-host");
        threads = owned;
        Multiaddr current = null;
        try {
            for (Multiaddr addr : config.listenAddrs()) {
                current = addr;
                InetSocketAddress sa = addr.toTcpSocketAddress()
                        .orElseThrow(() -> new IllegalArgumentException("not a TCP listen address"));
                ServerSocket server = bind(sa);
                servers.add(server);
                boundAddrs.add(Multiaddr.tcp((InetSocketAddress) server.getLocalSocketAddress()));
                owned.start("p2p-accept-" + server.getLocalPort(), () -> acceptLoop(server));
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            release();
            running.set(false);
            String why = e instanceof BindException
                    ? e.getMessage() + " (is another process using this port?)"
                    : e.getMessage();
            return CompletableFuture.failedFuture(
                    new UserFacingException("error: cannot listen on " + current + ": " + why, e));
        }
    }

    /** Binds a listening socket; closes it again when the bind fails, so a failed start leaks no socket. */
    private static ServerSocket bind(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 128);
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    /** Closes the listeners and every connection, then waits for the host's threads to end. Safe to call repeatedly. */
    @Override
    public CompletableFuture<Void> stop() {
        if (running.compareAndSet(true, false)) {
            release();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Releases what start() and the running host acquired; each resource once (the lists are emptied as they go). */
    private void release() {
        for (ServerSocket s : List.copyOf(servers)) {
            servers.remove(s);
            closeQuietly(s);
        }
        boundAddrs.clear();
        connections().forEach(Connection::close);
        List<String> left = threads.shutdown(STOP_GRACE, STOP_TIMEOUT);
        if (!left.isEmpty()) {
            LOG.warn("p2p host stopped with {} threads still running: {}", left.size(), left);
        }
    }

    /** Threads the host runs right now (0 once stopped); for leak checks. */
    public int activeThreads() {
        return threads.activeCount();
    }

    /** Starts {@code task} on a host thread; returns false (and runs nothing) when the host is stopping. */
    private boolean spawn(String name, Runnable task) {
        try {
            threads.start(name, task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("host stopping; not starting {}", name);
            return false;
        }
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
                LOG.debug(
                        "refusing inbound connection from {}: limit of {} reached",
                        socket.getRemoteSocketAddress(),
                        config.maxConnections());
                closeQuietly(socket);
                continue;
            }
            pendingInbound.incrementAndGet();
            boolean started = spawn("p2p-upgrade-in", () -> {
                MuxedConnection conn;
                try {
                    conn = upgrade(socket, false, null);
                } catch (IOException | RuntimeException e) {
                    pendingInbound.decrementAndGet();
                    LOG.debug("inbound upgrade from {} failed", socket.getRemoteSocketAddress(), e);
                    closeQuietly(socket);
                    return;
                }
                // counted as a connection from here on; the slot moves from pending to registered without a gap
                connections
                        .computeIfAbsent(conn.remotePeer(), p -> new CopyOnWriteArrayList<>())
                        .add(conn);
                pendingInbound.decrementAndGet();
                try {
                    register(conn);
                } catch (RejectedExecutionException e) {
                    LOG.debug("host stopping; dropped the inbound connection from {}", conn.remotePeer());
                }
            });
            if (!started) {
                pendingInbound.decrementAndGet();
                closeQuietly(socket);
                return;
            }
        }
    }

    /**
     * Upgrades within the handshake timeout as a whole: the socket timeout only bounds each read, so a peer trickling one
     * byte at a time would otherwise hold the slot forever; a watchdog closes the socket at the deadline.
     */
    private MuxedConnection upgrade(Socket socket, boolean outbound, PeerId expected) throws IOException {
        AtomicBoolean done = new AtomicBoolean();
        Thread watchdog = threads.start("p2p-handshake-watchdog", () -> {
            try {
                Thread.sleep(config.handshakeTimeout());
            } catch (InterruptedException e) {
                return; // the handshake finished first
            }
            if (done.compareAndSet(false, true)) {
                closeQuietly(socket);
            }
        });
        try {
            MuxedConnection conn = upgradeWithinDeadline(socket, outbound, expected);
            if (!done.compareAndSet(false, true)) {
                throw new IOException(
                        "handshake timed out after " + config.handshakeTimeout().toMillis() + " ms");
            }
            return conn;
        } catch (IOException | RuntimeException e) {
            done.set(true);
            throw e;
        } finally {
            watchdog.interrupt();
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
                threads,
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
        Upgrader.start(conn); // when the host is stopping this closes the connection and throws
        try {
            identify(conn);
        } catch (IOException | RuntimeException e) {
            LOG.debug("identify of {} failed", conn.remotePeer(), e);
        }
        if (conn.isOpen()) {
            listeners.forEach(l -> l.connected(conn));
        }
    }

    private void onClosed(MuxedConnection conn) {
        List<MuxedConnection> list = connections.get(conn.remotePeer());
        if (list != null && list.remove(conn)) {
            connections.computeIfPresent(conn.remotePeer(), (p, l) -> l.isEmpty() ? null : l);
            Runnable notify = () -> listeners.forEach(l -> l.disconnected(conn));
            if (!spawn("p2p-disconnected", notify)) {
                notify.run(); // the host is stopping: tell listeners on this (closing) thread instead
            }
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
            LOG.debug("inbound stream from {} failed", conn.remotePeer(), e);
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
        return list.stream()
                .filter(MuxedConnection::isOpen)
                .map(c -> (Connection) c)
                .findFirst();
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
        List<String> protos =
                handlers.keySet().stream().sorted(Comparator.naturalOrder()).toList();
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
        peerstore.addAddrs(
                peer,
                m.listenAddrs().stream()
                        .filter(a -> a.toTcpSocketAddress().isPresent())
                        .toList());
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
            spawn("p2p-identify-push", () -> {
                try {
                    P2pStream s = c.newStream(IdentifyMessage.PUSH_PROTOCOL_ID);
                    try {
                        LengthPrefixed.write(s.out(), identifyMessage(c).encode());
                        s.out().flush();
                    } finally {
                        s.close();
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("identify push to {} failed", c.remotePeer(), e);
                }
            });
        }
    }

    private static void closeQuietly(java.io.Closeable s) {
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
