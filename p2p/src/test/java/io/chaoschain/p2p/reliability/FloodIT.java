package io.chaoschain.p2p.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.P2pStream;
import io.chaoschain.p2p.internal.LengthPrefixed;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import io.chaoschain.p2p.pubsub.TopicScoreParams;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Floods of connections, half-finished handshakes, streams and gossipsub RPCs against one host; an integration test
 * (Failsafe) for its load and running time. The 1 ms sleeps pace the samplers and the 10 ms one paces publishing;
 * waits for conditions go through {@link Waiter}.
 */
class FloodIT {
    private static final String TOPIC = "/chaoschain/flood/1";
    private final List<Host> hosts = new ArrayList<>();
    private final List<Gossipsub> gossips = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    private Host host(int maxConnections, int maxStreams, Duration handshakeTimeout) {
        HostConfig c = new HostConfig(
                NodeIdentity.generate(),
                List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
                "flood-test",
                maxConnections,
                maxStreams,
                handshakeTimeout,
                TimeProvider.system());
        Host h = new Host(c);
        h.start().join();
        hosts.add(h);
        return h;
    }

    private Host host() {
        return host(200, 256, Duration.ofSeconds(10));
    }

    private Gossipsub gossip(Host h) {
        PeerScoreParams score = PeerScoreParams.defaults(Map.of(TOPIC, TopicScoreParams.defaults()));
        score = score.withIpColocation(0, score.ipColocationFactorThreshold());
        Gossipsub g = new Gossipsub(
                h,
                GossipsubParams.defaults().withHeartbeatInterval(Duration.ofMillis(200)),
                score,
                PeerScoreThresholds.defaults());
        g.start().join();
        gossips.add(g);
        return g;
    }

    private static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    @AfterEach
    void stopAll() {
        sockets.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        gossips.forEach(g -> g.stop().join());
        hosts.forEach(h -> h.stop().join());
    }

    @Test
    @Timeout(60)
    void halfFinishedHandshakesShouldNeverHoldMoreThanTheConnectionLimitAndShouldTimeOut() throws Exception {
        int limit = 20;
        Host victim = host(limit, 256, Duration.ofSeconds(1));
        Gossipsub victimGossip = gossip(victim);
        Map<Long, Boolean> received = new ConcurrentHashMap<>();
        victimGossip.subscribe(
                TOPIC, m -> received.put(ByteBuffer.wrap(m.data()).getLong(0), true));
        // a well-behaved peer connected before the flood keeps publishing to the victim throughout
        Host friend = host();
        Gossipsub friendGossip = gossip(friend);
        friendGossip.subscribe(TOPIC, m -> {});
        friend.connect(addr(victim));
        Waiter.waitFor(
                "the victim to graft the friend",
                Duration.ofSeconds(5),
                () -> victimGossip.meshPeers(TOPIC).contains(friend.peerId()));

        AtomicInteger maxSeen = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                maxSeen.accumulateAndGet(victim.connectionCount() + victim.pendingHandshakes(), Math::max);
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        InetSocketAddress target =
                victim.listenAddrs().getFirst().toTcpSocketAddress().orElseThrow();
        Random r = new Random(3);
        int refusedOrClosed = 0;
        for (int i = 0; i < 300; i++) {
            Socket s = new Socket();
            try {
                s.connect(target, 1000);
                sockets.add(s);
                OutputStream out = s.getOutputStream();
                switch (i % 3) {
                    case 0 -> {} // connect and say nothing
                    case 1 ->
                        out.write(
                                "\u0013/multistream/1.0.0\n".getBytes(StandardCharsets.UTF_8)); // stop after the header
                    default -> { // a valid negotiation of /noise, then a truncated Noise message
                        out.write("\u0013/multistream/1.0.0\n\u0007/noise\n".getBytes(StandardCharsets.UTF_8));
                        out.write(new byte[] {0, 32, (byte) r.nextInt()});
                    }
                }
                out.flush();
            } catch (IOException e) {
                refusedOrClosed++;
            }
        }
        // during the flood, the already-connected friend's messages still arrive
        for (long i = 1; i <= 20; i++) {
            friendGossip.publish(TOPIC, ByteBuffer.allocate(64).putLong(0, i).array());
        }
        Waiter.waitFor(
                "the victim to receive the friend's 20 messages", Duration.ofSeconds(5), () -> received.size() == 20);
        assertThat(received).hasSize(20);

        // the handshake timeout frees every slot, and a newcomer then gets in and receives messages
        Waiter.waitFor(
                "the handshake timeout to free every pending slot",
                Duration.ofSeconds(5),
                () -> victim.pendingHandshakes() == 0);
        sampling.set(false);
        sampler.join();
        assertThat(victim.pendingHandshakes()).isZero();
        assertThat(maxSeen.get())
                .as("connections + pending handshakes at any time")
                .isLessThanOrEqualTo(limit);
        Host newcomer = host();
        Gossipsub newcomerGossip = gossip(newcomer);
        Set<Long> newcomerGot = ConcurrentHashMap.newKeySet();
        newcomerGossip.subscribe(
                TOPIC, m -> newcomerGot.add(ByteBuffer.wrap(m.data()).getLong(0)));
        newcomer.connect(addr(victim));
        Waiter.waitFor(
                "the victim to graft the newcomer",
                Duration.ofSeconds(5),
                () -> victimGossip.meshPeers(TOPIC).contains(newcomer.peerId()));
        victimGossip.publish(TOPIC, ByteBuffer.allocate(64).putLong(0, 99).array());
        Waiter.waitFor("the newcomer to receive message 99", Duration.ofSeconds(5), () -> newcomerGot.contains(99L));
        assertThat(newcomerGot).contains(99L);
        System.out.printf(
                "handshake flood: 300 sockets, %d refused or closed at once, peak connections+pending %d (limit %d)%n",
                refusedOrClosed, maxSeen.get(), limit);
    }

    @Test
    @Timeout(60)
    void aStreamFloodFromOnePeerShouldStayWithinThePerConnectionLimit() throws Exception {
        int maxStreams = 16;
        Host victim = host(200, maxStreams, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handling = new AtomicInteger();
        AtomicInteger maxHandling = new AtomicInteger();
        victim.setStreamHandler("/flood/1", s -> {
            maxHandling.accumulateAndGet(handling.incrementAndGet(), Math::max);
            try {
                release.await(); // a handler that holds its stream open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                handling.decrementAndGet();
                s.close();
            }
        });
        Host attacker = host();
        Connection c = attacker.connect(addr(victim));
        AtomicInteger opened = new AtomicInteger();
        List<P2pStream> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> openers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            openers.add(Thread.ofVirtual().start(() -> {
                try {
                    held.add(c.newStream(List.of("/flood/1")));
                    opened.incrementAndGet();
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }));
        }
        for (Thread t : openers) {
            t.join();
        }
        Connection victimSide = victim.connection(attacker.peerId()).orElseThrow();
        assertThat(victimSide.streamCount()).isLessThanOrEqualTo(maxStreams);
        assertThat(maxHandling.get()).isLessThanOrEqualTo(maxStreams);
        assertThat(opened.get()).isLessThanOrEqualTo(maxStreams);
        assertThat(refused.get()).isGreaterThanOrEqualTo(300 - maxStreams);
        // the victim still serves others, and the flooding connection itself still works for other traffic once
        // the held streams are released
        Host friend = host();
        friend.connect(addr(victim));
        assertThat(friend.ping(victim.peerId())).isPositive();
        release.countDown();
        held.forEach(P2pStream::close);
        Waiter.waitFor(
                "the victim to see the attacker's streams closed",
                Duration.ofSeconds(5),
                () -> victimSide.streamCount() == 0);
        assertThat(victimSide.streamCount()).isZero();
        assertThat(attacker.ping(victim.peerId())).isPositive();
    }

    @Test
    @Timeout(60)
    void aPeerFloodingForgedMessagesShouldBeGraylistedWhileQueuesStayBoundedAndOthersAreServed() throws Exception {
        Host victim = host();
        Gossipsub victimGossip = gossip(victim);
        Set<Long> received = ConcurrentHashMap.newKeySet();
        victimGossip.subscribe(
                TOPIC, m -> received.add(ByteBuffer.wrap(m.data()).getLong(0)));
        Host friend = host();
        Gossipsub friendGossip = gossip(friend);
        friendGossip.subscribe(TOPIC, m -> {});
        friend.connect(addr(victim));

        // the attacker speaks gossipsub by hand: subscribes, then floods messages with forged signatures
        Host attacker = host();
        attacker.setStreamHandler("/meshsub/1.1.0", in -> in.in().transferTo(OutputStream.nullOutputStream()));
        attacker.connect(addr(victim));
        P2pStream s = attacker.newStream(victim.peerId(), List.of("/meshsub/1.1.0"));
        LengthPrefixed.write(
                s.out(),
                Rpc.ofSubscriptions(List.of(new Rpc.SubOpts(true, TOPIC))).encode());
        s.out().flush();
        Waiter.waitFor(
                "the victim to learn the attacker's subscription",
                Duration.ofSeconds(5),
                () -> victimGossip.topicPeers(TOPIC).contains(attacker.peerId()));
        assertThat(victimGossip.topicPeers(TOPIC)).contains(attacker.peerId());
        long budget = 2L * (GossipsubParams.defaults().maxMessageSize() + 64 * 1024);
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger maxQueued = new AtomicInteger();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                maxQueued.accumulateAndGet((int) victimGossip.queuedInboundBytes(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread flooder = Thread.ofVirtual().start(() -> {
            Random r = new Random(5);
            byte[] from = attacker.peerId().bytes();
            try {
                for (int i = 0; i < 3000; i++) {
                    byte[] sig = new byte[64];
                    r.nextBytes(sig);
                    byte[] data = new byte[16 * 1024];
                    PubsubMessage forged = new PubsubMessage(
                            from, data, ByteBuffer.allocate(8).putLong(i + 1).array(), TOPIC, sig, null);
                    LengthPrefixed.write(
                            s.out(), Rpc.ofMessages(List.of(forged)).encode());
                    if (i % 16 == 0) {
                        s.out().flush();
                    }
                }
                s.out().flush();
            } catch (IOException e) {
                // the victim may hang up on the attacker
            }
        });
        // while the flood runs, the friend's messages arrive
        for (long i = 1; i <= 30; i++) {
            friendGossip.publish(TOPIC, ByteBuffer.allocate(64).putLong(0, i).array());
            Thread.sleep(10);
        }
        Waiter.waitFor(
                "the victim to receive the friend's 30 messages", Duration.ofSeconds(10), () -> received.size() == 30);
        assertThat(received).hasSize(30);
        Waiter.waitFor(
                "the attacker to be graylisted",
                Duration.ofSeconds(10),
                () -> victimGossip.score(attacker.peerId())
                        < PeerScoreThresholds.defaults().graylistThreshold());
        assertThat(victimGossip.score(attacker.peerId()))
                .isLessThan(PeerScoreThresholds.defaults().graylistThreshold());
        flooder.join(Duration.ofSeconds(20));
        sampling.set(false);
        sampler.join();
        assertThat((long) maxQueued.get())
                .as("inbound bytes queued for the router")
                .isLessThanOrEqualTo(budget);
        assertThat(victimGossip.score(friend.peerId())).isGreaterThanOrEqualTo(0);
        System.out.printf(
                "rpc flood: attacker score %.1f, peak queued inbound %d bytes (budget %d)%n",
                victimGossip.score(attacker.peerId()), maxQueued.get(), budget);
    }
}
