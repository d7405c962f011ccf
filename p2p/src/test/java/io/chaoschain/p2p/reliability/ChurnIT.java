package io.chaoschain.p2p.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.discovery.ConnectionManager;
import io.chaoschain.p2p.discovery.KadDht;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import io.chaoschain.p2p.pubsub.TopicScoreParams;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 20-node gossipsub network on loopback (real hosts: TCP, Noise, yamux, Kademlia bootstrap, a connection manager
 * keeping 6-10 connections per node) in which 30 % of the nodes are repeatedly stopped and restarted (same identity,
 * new port, new connections, re-bootstrap through the DHT) while messages are published continuously.
 *
 * <p>Delivery is defined per (message, node): a node is <em>expected</em> to receive a message when one of its
 * incarnations had finished joining (started, subscribed, bootstrapped) before the message was published and stayed up
 * until the end of the grace window after publication; it <em>received</em> it when the message reached that
 * incarnation within the grace window. The publisher itself is not counted. The test asserts received / expected
 * of at least 99 %.
 *
 * <p>Runs 20-40 s, so it is an integration test (Failsafe). The sleeps left in it pace the scenario (churn cycles,
 * the publish rate, the observation window); every wait for a condition goes through {@link Waiter}.
 */
class ChurnIT {
    private static final String TOPIC = "/chaoschain/churn/1";
    private static final int NODES = 20;
    private static final int BOOTSTRAP_NODES = 2;
    private static final int CHURNED = NODES * 30 / 100;
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final long GRACE_MILLIS = 3_000;
    private static final long PUBLISH_MILLIS = 12_000;
    private static final long PUBLISH_INTERVAL_MILLIS = 50;

    private final Random random = new Random(42);
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Long, Published> published = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** When a message was published and by which node. */
    private record Published(int publisher, long atMillis) {}

    /** One joined lifetime of a node: [joinedAt, stoppedAt), and what it received. */
    private static final class Incarnation {
        final long joinedAt;
        volatile long stoppedAt = Long.MAX_VALUE;
        final Map<Long, Long> received;

        Incarnation(long joinedAt, Map<Long, Long> received) {
            this.joinedAt = joinedAt;
            this.received = received;
        }
    }

    private final class Node {
        final int index;
        final NodeIdentity identity = NodeIdentity.generate();
        final List<Incarnation> incarnations = new CopyOnWriteArrayList<>();
        volatile Host host;
        volatile Gossipsub gossip;
        volatile KadDht dht;
        volatile Incarnation current;

        Node(int index) {
            this.index = index;
        }

        void start(List<Multiaddr> bootstrap) {
            Host h = new Host(HostConfig.loopback(identity));
            h.start().join();
            new ConnectionManager(h, 6, 10, Duration.ofSeconds(2)).start().join();
            PeerScoreParams score = PeerScoreParams.defaults(Map.of(TOPIC, TopicScoreParams.defaults()));
            // every node shares 127.0.0.1, so IP colocation (P6) would penalise all of them equally: off
            score = score.withIpColocation(0, score.ipColocationFactorThreshold());
            Gossipsub g = new Gossipsub(
                    h,
                    GossipsubParams.defaults().withHeartbeatInterval(HEARTBEAT),
                    score,
                    PeerScoreThresholds.defaults(),
                    new Random(index));
            g.start().join();
            // the incarnation's inbox exists before the subscription so no early delivery is lost; it counts as joined
            // only
            // once bootstrap has finished (joinedAt is set below)
            Map<Long, Long> inbox = new ConcurrentHashMap<>();
            g.subscribe(
                    TOPIC, m -> inbox.putIfAbsent(ByteBuffer.wrap(m.data()).getLong(0), System.currentTimeMillis()));
            KadDht d = new KadDht(h, bootstrap, 4, Duration.ofMillis(500));
            d.start().join();
            if (!bootstrap.isEmpty()) {
                try {
                    d.bootstrap();
                    // joined once gossipsub knows at least one subscriber of the topic (subscriptions travel after
                    // identify)
                    Waiter.waitFor(
                            "node " + index + " to learn a subscriber of " + TOPIC,
                            Duration.ofSeconds(10),
                            () -> !g.topicPeers(TOPIC).isEmpty());
                } catch (RuntimeException | AssertionError e) {
                    d.stop().join();
                    g.stop().join();
                    h.stop().join();
                    throw e;
                }
            }
            dht = d;
            host = h;
            gossip = g;
            Incarnation inc = new Incarnation(System.currentTimeMillis(), inbox);
            current = inc;
            incarnations.add(inc);
        }

        void stop() {
            Incarnation inc = current;
            current = null;
            if (inc != null) {
                inc.stoppedAt = System.currentTimeMillis();
            }
            dht.stop().join();
            gossip.stop().join();
            host.stop().join();
        }

        boolean joined() {
            return current != null;
        }

        Multiaddr addr() {
            return host.listenAddrs().getFirst().withPeerId(host.peerId());
        }
    }

    private static int restarts(List<Node> churned) {
        return churned.stream().mapToInt(n -> n.incarnations.size() - 1).sum();
    }

    @AfterEach
    void stopAll() {
        running.set(false);
        for (Node n : nodes) {
            if (n.joined()) {
                n.stop();
            }
        }
    }

    @Test
    @Timeout(120)
    void thirtyPercentRandomChurnShouldKeepAtLeast99PercentDelivery() throws Exception {
        for (int i = 0; i < NODES; i++) {
            nodes.add(new Node(i));
        }
        // two stable introducers, then everyone else bootstraps from them
        nodes.get(0).start(List.of());
        nodes.get(1).start(List.of(nodes.get(0).addr()));
        List<Multiaddr> bootstrap = List.of(nodes.get(0).addr(), nodes.get(1).addr());
        List<Thread> starts = new ArrayList<>();
        for (int i = BOOTSTRAP_NODES; i < NODES; i++) {
            Node n = nodes.get(i);
            starts.add(Thread.ofVirtual().start(() -> n.start(bootstrap)));
        }
        for (Thread t : starts) {
            t.join();
        }
        Waiter.waitFor(
                "every node to have a mesh peer",
                Duration.ofSeconds(15),
                () -> nodes.stream().allMatch(n -> !n.gossip.meshPeers(TOPIC).isEmpty()));

        // 30 % of the nodes, picked at random among the non-introducers, cycle down and up until publishing ends
        List<Node> churnable = new ArrayList<>(nodes.subList(BOOTSTRAP_NODES, NODES));
        java.util.Collections.shuffle(churnable, random);
        List<Node> churned = churnable.subList(0, CHURNED);
        List<Thread> churners = new ArrayList<>();
        long seed = random.nextLong();
        for (Node n : churned) {
            Random r = new Random(seed + n.index);
            churners.add(Thread.ofVirtual().start(() -> {
                try {
                    while (running.get()) {
                        Thread.sleep(700 + r.nextInt(1300));
                        if (!running.get()) {
                            return;
                        }
                        n.stop();
                        Thread.sleep(200 + r.nextInt(800));
                        n.start(bootstrap);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        // at least PUBLISH_MILLIS, and on a slow machine longer (up to 3x) until 150 messages and 3 restarts per
        // churned
        // node have happened
        long start = System.currentTimeMillis();
        long end = start + PUBLISH_MILLIS;
        long hardEnd = start + 3 * PUBLISH_MILLIS;
        long seq = 0;
        int unsent = 0;
        Random pick = new Random(seed);
        while (System.currentTimeMillis() < end
                || ((published.size() < 150 || restarts(churned) < CHURNED * 3)
                        && System.currentTimeMillis() < hardEnd)) {
            Node publisher = nodes.get(pick.nextInt(NODES));
            if (publisher.joined()) {
                byte[] data = new byte[1024];
                ByteBuffer.wrap(data).putLong(0, ++seq);
                long at = System.currentTimeMillis();
                Incarnation inc = publisher.current;
                try {
                    // like js-libp2p's NoPeersSubscribedToTopic: a publish that reached no peer is a failed publish; so
                    // is one
                    // that raced with its node's shutdown (the churner had begun stopping it before publish returned)
                    if (publisher.gossip.publish(TOPIC, data).recipients() > 0
                            && inc != null
                            && publisher.current == inc) {
                        published.put(seq, new Published(publisher.index, at));
                    } else {
                        unsent++;
                    }
                } catch (RuntimeException e) {
                    // the publisher was stopped by its churner between the check and the call: not a published message
                }
            }
            Thread.sleep(PUBLISH_INTERVAL_MILLIS);
        }
        running.set(false);
        for (Thread t : churners) {
            t.join();
        }
        // the observation window, not a wait for a condition: a delivery counts only within GRACE_MILLIS of its
        // publication, so the tally starts once the window of the last message has closed
        Thread.sleep(GRACE_MILLIS);

        long expected = 0;
        long received = 0;
        List<String> misses = new ArrayList<>();
        for (var e : published.entrySet()) {
            long id = e.getKey();
            Published p = e.getValue();
            for (Node n : nodes) {
                if (n.index == p.publisher()) {
                    continue;
                }
                for (Incarnation inc : n.incarnations) {
                    if (inc.joinedAt <= p.atMillis() && inc.stoppedAt >= p.atMillis() + GRACE_MILLIS) {
                        expected++;
                        Long at = inc.received.get(id);
                        if (at != null && at <= p.atMillis() + GRACE_MILLIS) {
                            received++;
                        } else if (misses.size() < 20) {
                            misses.add("msg " + id + " from node " + p.publisher()
                                    + (churned.contains(nodes.get(p.publisher())) ? " (churned)" : "")
                                    + " -> node " + n.index
                                    + (churned.contains(n) ? " (churned)" : "") + ": "
                                    + (at == null ? "never" : (at - p.atMillis()) + " ms"));
                        }
                    }
                }
            }
        }
        int restarts = restarts(churned);
        double ratio = (double) received / expected;
        System.out.printf(
                "churn: %d messages (%d publishes reached no peer or raced with shutdown), %d restarts of %d churned nodes, delivery %d/%d = %.4f%n",
                published.size(), unsent, restarts, CHURNED, received, expected, ratio);
        misses.forEach(m -> System.out.println("  missed " + m));
        assertThat(published).hasSizeGreaterThan(100);
        assertThat(restarts).as("restarts").isGreaterThanOrEqualTo(CHURNED * 2);
        assertThat(ratio)
                .as("delivery ratio (%d/%d), first misses %s", received, expected, misses)
                .isGreaterThanOrEqualTo(0.99);
    }
}
