package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Real {@link GossipRouter}s wired through an in-memory queue: every RPC is encoded and decoded as on the wire, and
 * delivered only when the test calls {@link #deliverAll()}, so scenarios are deterministic under a stub clock.
 */
final class RouterNetwork {
    record Envelope(PeerId from, PeerId to, byte[] bytes) {}

    final StubTimeProvider clock = StubTimeProvider.create();
    final List<GossipRouter> routers = new ArrayList<>();
    final Map<PeerId, GossipRouter> byId = new HashMap<>();
    final Map<PeerId, List<PubsubMessage>> received = new HashMap<>();
    final ArrayDeque<Envelope> queue = new ArrayDeque<>();
    final List<Envelope> log = new CopyOnWriteArrayList<>();
    Predicate<Envelope> drop = e -> false;
    private final Random seeds = new Random(42);

    GossipRouter add(GossipsubParams params, PeerScoreParams score, PeerScoreThresholds thresholds) {
        PrivateKey key = PrivateKey.generate(KeyType.ED25519, new SecureRandom());
        PeerId id = PeerId.fromPublicKey(key.publicKey());
        GossipRouter r =
                new GossipRouter(key, params, score, thresholds, clock, new Random(seeds.nextLong()), (to, rpc) -> {
                    Envelope e = new Envelope(id, to, rpc.encode());
                    queue.add(e);
                    log.add(e);
                });
        routers.add(r);
        byId.put(id, r);
        received.put(id, new CopyOnWriteArrayList<>());
        return r;
    }

    GossipRouter add() {
        return add(
                GossipsubParams.defaults().withFloodPublish(false),
                PeerScoreParams.defaults(Map.of()),
                PeerScoreThresholds.defaults());
    }

    void subscribe(GossipRouter r, String topic) {
        r.subscribe(topic, received.get(r.self())::add);
    }

    /** Connects a (dialer) and b (listener), as the host does when a connection comes up. */
    void connect(GossipRouter a, GossipRouter b) {
        a.addPeer(b.self(), true, "10.0.0." + (routers.indexOf(b) + 1));
        b.addPeer(a.self(), false, "10.0.0." + (routers.indexOf(a) + 1));
    }

    /** Delivers queued RPCs (including those they trigger) until quiet; returns how many were delivered. */
    int deliverAll() {
        int n = 0;
        while (!queue.isEmpty()) {
            if (++n > 200_000) {
                throw new AssertionError("RPC storm: network did not quiesce");
            }
            Envelope e = queue.poll();
            if (drop.test(e)) {
                continue;
            }
            GossipRouter to = byId.get(e.to());
            if (to != null) {
                to.handleRpc(e.from(), Rpc.decode(e.bytes()));
            }
        }
        return n;
    }

    /** Advances the clock one heartbeat interval and runs a heartbeat on every router, delivering the results. */
    void heartbeats(int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            routers.forEach(GossipRouter::heartbeat);
            deliverAll();
        }
    }

    List<Rpc> sentBetween(GossipRouter from, GossipRouter to) {
        List<Rpc> out = new ArrayList<>();
        for (Envelope e : log) {
            if (e.from().equals(from.self()) && e.to().equals(to.self())) {
                out.add(Rpc.decode(e.bytes()));
            }
        }
        return out;
    }

    List<PubsubMessage> received(GossipRouter r) {
        return received.get(r.self());
    }
}
