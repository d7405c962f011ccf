package io.chaoschain.p2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.NodeIdentity;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The networked service around the router: subscriber delivery off the router thread, and its lifecycle. */
class GossipsubTest {
    private static final String TOPIC = "/chaoschain/test/1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Host> hosts = new ArrayList<>();
    private final List<Gossipsub> gossips = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopAll() {
        release.countDown();
        gossips.forEach(g -> g.stop().join());
        hosts.forEach(h -> h.stop().join());
    }

    private Gossipsub node(GossipsubParams params) {
        Host h = new Host(HostConfig.loopback(NodeIdentity.generate()));
        h.start().join();
        hosts.add(h);
        Gossipsub g = new Gossipsub(
                h,
                params.withHeartbeatInterval(Duration.ofMillis(100)),
                PeerScoreParams.defaults(Map.of()),
                PeerScoreThresholds.defaults());
        g.start().join();
        gossips.add(g);
        return g;
    }

    private void connect(int from, int to) throws Exception {
        Host target = hosts.get(to);
        hosts.get(from).connect(target.listenAddrs().getFirst().withPeerId(target.peerId()));
    }

    /** a - b - c, so c hears a only through b's router. */
    private List<Gossipsub> line(GossipsubParams middle) throws Exception {
        Gossipsub a = node(GossipsubParams.defaults());
        Gossipsub b = node(middle);
        Gossipsub c = node(GossipsubParams.defaults());
        a.subscribe(TOPIC, m -> {});
        return List.of(a, b, c);
    }

    private void formLine(List<Gossipsub> l) throws Exception {
        connect(0, 1);
        connect(1, 2);
        Waiter.waitFor(
                "the line's meshes to form",
                WAIT,
                () -> l.get(0).meshPeers(TOPIC).size() == 1
                        && l.get(1).meshPeers(TOPIC).size() == 2
                        && l.get(2).meshPeers(TOPIC).size() == 1);
    }

    private static byte[] numbered(long n) {
        return ByteBuffer.allocate(16).putLong(0, n).array();
    }

    private static long number(PubsubMessage m) {
        return ByteBuffer.wrap(m.data()).getLong(0);
    }

    /** A handler that blocks until the test releases it, recording what it got. */
    private MessageHandler blockingHandler(Set<Long> got) {
        return m -> {
            got.add(number(m));
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aBlockedSubscriberShouldNotStallRoutingOrRelaying() throws Exception {
        List<Gossipsub> l = line(GossipsubParams.defaults());
        Set<Long> middleGot = ConcurrentHashMap.newKeySet();
        Set<Long> endGot = ConcurrentHashMap.newKeySet();
        l.get(1).subscribe(TOPIC, blockingHandler(middleGot));
        l.get(2).subscribe(TOPIC, m -> endGot.add(number(m)));
        formLine(l);

        for (long i = 1; i <= 3; i++) {
            l.get(0).publish(TOPIC, numbered(i));
        }

        Waiter.waitFor("c to receive all 3 messages through b", WAIT, () -> endGot.size() == 3);
        assertThat(l.get(1).meshPeers(TOPIC)).as("b's router still answers").hasSize(2);
        Waiter.waitFor(
                "b's other 2 messages to wait for its blocked handler",
                WAIT,
                () -> l.get(1).pendingDeliveries() == 2);
        assertThat(middleGot).hasSize(1);

        release.countDown();
        Waiter.waitFor("b's handler to catch up", WAIT, () -> middleGot.size() == 3);
        assertThat(l.get(1).droppedDeliveries()).isZero();
    }

    @Test
    void aFullDeliveryQueueShouldSkipLocalDeliveryButKeepRelaying() throws Exception {
        List<Gossipsub> l = line(GossipsubParams.defaults().withMaxPendingDeliveries(2));
        Set<Long> middleGot = ConcurrentHashMap.newKeySet();
        Set<Long> endGot = ConcurrentHashMap.newKeySet();
        l.get(1).subscribe(TOPIC, blockingHandler(middleGot));
        l.get(2).subscribe(TOPIC, m -> endGot.add(number(m)));
        formLine(l);

        for (long i = 1; i <= 5; i++) {
            l.get(0).publish(TOPIC, numbered(i));
        }

        Waiter.waitFor("c to receive all 5 messages through b", WAIT, () -> endGot.size() == 5);
        // one message is in the blocked handler, two wait in the queue, the last two find it full
        Waiter.waitFor(
                "b to count 2 messages it could not queue", WAIT, () -> l.get(1).droppedDeliveries() == 2);
        release.countDown();
        Waiter.waitFor("b's handler to get the queued messages", WAIT, () -> middleGot.size() == 3);
    }

    @Test
    void aThrowingHandlerShouldNotStopLaterDeliveries() throws Exception {
        List<Gossipsub> l = line(GossipsubParams.defaults());
        AtomicInteger calls = new AtomicInteger();
        l.get(1).subscribe(TOPIC, m -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first message breaks the handler");
            }
        });
        l.get(2).subscribe(TOPIC, m -> {});
        formLine(l);

        l.get(0).publish(TOPIC, numbered(1));
        l.get(0).publish(TOPIC, numbered(2));

        Waiter.waitFor("the handler to be called for both messages", WAIT, () -> calls.get() == 2);
    }

    @Test
    void aHandlerMayPublishFromTheDeliveryThread() throws Exception {
        List<Gossipsub> l = line(GossipsubParams.defaults());
        Set<Long> endGot = ConcurrentHashMap.newKeySet();
        // b answers every message with one of its own: a router call made from inside a handler
        l.get(1).subscribe(TOPIC, m -> {
            if (number(m) < 100) {
                l.get(1).publish(TOPIC, numbered(number(m) + 100));
            }
        });
        l.get(2).subscribe(TOPIC, m -> endGot.add(number(m)));
        formLine(l);

        l.get(0).publish(TOPIC, numbered(1));

        Waiter.waitForAssertion(
                "c to receive a's message and b's answer",
                WAIT,
                () -> assertThat(endGot).as("messages c received").contains(1L, 101L));
    }

    @Test
    void stopShouldBeRepeatableAndAStoppedInstanceShouldNotStartAgain() {
        Gossipsub g = node(GossipsubParams.defaults());
        g.stop().join();
        g.stop().join();

        assertThatThrownBy(() -> g.start().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> g.publish(TOPIC, numbered(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
    }
}
