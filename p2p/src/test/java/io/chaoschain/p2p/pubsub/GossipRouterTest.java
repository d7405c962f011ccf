package io.chaoschain.p2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GossipRouterTest {
    private static final String T = "topic";
    private final RouterNetwork net = new RouterNetwork();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepEveryMeshBetweenDloAndDhiAndDeliverEachMessageOnceToEveryNode() {
        for (int i = 0; i < 20; i++) {
            net.add();
        }
        for (int i = 0; i < 20; i++) {
            for (int j = i + 1; j < 20; j++) {
                net.connect(net.routers.get(i), net.routers.get(j));
            }
        }
        net.routers.forEach(r -> net.subscribe(r, T));
        net.deliverAll();
        net.heartbeats(5);
        GossipsubParams p = GossipsubParams.defaults();
        for (GossipRouter r : net.routers) {
            assertThat(r.mesh(T).size()).isBetween(p.dLow(), p.dHigh());
        }
        net.routers.getFirst().publish(T, bytes("m1"));
        net.deliverAll();
        for (GossipRouter r : net.routers.subList(1, 20)) {
            assertThat(net.received(r))
                    .extracting(m -> new String(m.data(), StandardCharsets.UTF_8))
                    .containsExactly("m1");
        }
        assertThat(net.received(net.routers.getFirst())).isEmpty();
    }

    @Test
    void shouldPruneAnOversubscribedMeshDownToDAndBackOffThePrunedPeers() {
        GossipRouter hub = net.add();
        List<GossipRouter> spokes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            GossipRouter s = net.add();
            spokes.add(s);
            net.connect(hub, s); // hub dialed: GRAFTs over Dhi are still accepted from its outbound peers
        }
        net.subscribe(hub, T);
        net.deliverAll();
        // every spoke joins after learning hub's subscription, so each GRAFTs the hub
        spokes.forEach(s -> net.subscribe(s, T));
        net.deliverAll();
        assertThat(hub.mesh(T).size()).isGreaterThan(GossipsubParams.defaults().dHigh());
        net.clock.advance(Duration.ofSeconds(1));
        hub.heartbeat();
        assertThat(hub.mesh(T)).hasSize(GossipsubParams.defaults().d());
        long backedOff =
                spokes.stream().filter(s -> hub.isBackedOff(T, s.self())).count();
        assertThat(backedOff).isEqualTo(16 - 6);
        net.deliverAll();
        for (GossipRouter s : spokes) {
            assertThat(s.mesh(T).contains(hub.self())).isEqualTo(hub.mesh(T).contains(s.self()));
        }
    }

    @Test
    void shouldPenaliseAGraftDuringBackoffAndAcceptItOnceTheBackoffExpires() {
        GossipRouter a = net.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of()),
                new PeerScoreThresholds(-10, -50, -80, 10, 1));
        GossipRouter b = net.add();
        net.connect(a, b);
        net.subscribe(a, T);
        net.subscribe(b, T);
        net.deliverAll();
        net.heartbeats(1);
        assertThat(a.mesh(T)).contains(b.self());
        // b leaves and rejoins at once: its GRAFT arrives inside the 10 s unsubscribe backoff a recorded
        b.unsubscribe(T);
        net.deliverAll();
        assertThat(a.mesh(T)).doesNotContain(b.self());
        double before = a.score(b.self());
        for (int i = 0; i < 4; i++) {
            a.handleRpc(
                    b.self(),
                    Rpc.ofControl(new Rpc.Control(List.of(), List.of(), List.of(new Rpc.Graft(T)), List.of())));
        }
        net.deliverAll();
        assertThat(a.mesh(T)).doesNotContain(b.self());
        assertThat(a.score(b.self())).isLessThan(before);
        net.clock.advance(Duration.ofMinutes(3));
        a.heartbeat(); // decays the behaviour penalty the GRAFT flood earned
        assertThat(a.score(b.self())).isZero();
        net.subscribe(b, T);
        a.handleRpc(b.self(), Rpc.ofSubscriptions(List.of(new Rpc.SubOpts(true, T))));
        a.handleRpc(
                b.self(), Rpc.ofControl(new Rpc.Control(List.of(), List.of(), List.of(new Rpc.Graft(T)), List.of())));
        assertThat(a.mesh(T)).contains(b.self());
    }

    @Test
    void aPeerOutsideTheMeshShouldObtainTheMessageThroughIHaveAndIWant() {
        GossipsubParams tiny =
                GossipsubParams.defaults().withFloodPublish(false).withDegree(1, 1, 1);
        GossipRouter a = net.add(tiny, PeerScoreParams.defaults(Map.of()), PeerScoreThresholds.defaults());
        GossipRouter b = net.add(tiny, PeerScoreParams.defaults(Map.of()), PeerScoreThresholds.defaults());
        GossipRouter c = net.add(tiny, PeerScoreParams.defaults(Map.of()), PeerScoreThresholds.defaults());
        net.connect(a, b);
        net.connect(a, c);
        List.of(b, c, a).forEach(r -> net.subscribe(r, T));
        net.deliverAll();
        net.heartbeats(3);
        GossipRouter inMesh = a.mesh(T).contains(b.self()) ? b : c;
        GossipRouter outside = inMesh == b ? c : b;
        assertThat(a.mesh(T)).containsExactly(inMesh.self());
        a.publish(T, bytes("gossiped"));
        net.deliverAll();
        assertThat(net.received(inMesh)).hasSize(1);
        assertThat(net.received(outside)).isEmpty();
        net.clock.advance(Duration.ofSeconds(1));
        a.heartbeat();
        net.deliverAll();
        assertThat(net.received(outside))
                .extracting(m -> new String(m.data(), StandardCharsets.UTF_8))
                .containsExactly("gossiped");
        assertThat(net.sentBetween(outside, a).stream()
                        .filter(r -> r.control() != null)
                        .flatMap(r -> r.control().iwant().stream()))
                .isNotEmpty();
    }

    @Test
    void aPeerThatAdvertisesButNeverDeliversShouldBePenalisedForTheBrokenPromise() {
        PeerScoreParams strict = new PeerScoreParams(
                Map.of(), 0, p -> 0, 1, -10, 10, -10, 0, 0.9, Duration.ofSeconds(1), 0.01, Duration.ofMinutes(1));
        GossipRouter a = net.add(GossipsubParams.defaults(), strict, PeerScoreThresholds.defaults());
        GossipRouter liar = net.add();
        net.connect(a, liar);
        net.subscribe(a, T);
        net.subscribe(liar, T);
        net.deliverAll();
        net.drop = e -> e.to().equals(liar.self()); // the liar ignores our IWANT
        a.handleRpc(
                liar.self(),
                Rpc.ofControl(new Rpc.Control(
                        List.of(new Rpc.IHave(T, List.of(new MessageId(bytes("never-delivered"))))),
                        List.of(),
                        List.of(),
                        List.of())));
        net.deliverAll();
        assertThat(a.score(liar.self())).isZero();
        net.clock.advance(Duration.ofSeconds(4));
        a.heartbeat();
        assertThat(a.score(liar.self())).isNegative();
    }

    @Test
    void forgedSignaturesShouldCostTheRelayItsMeshSlotAndFinallyGraylistIt() {
        TopicScoreParams tsp = TopicScoreParams.defaults();
        GossipRouter a = net.add(
                GossipsubParams.defaults(), PeerScoreParams.defaults(Map.of(T, tsp)), PeerScoreThresholds.defaults());
        GossipRouter evil = net.add();
        GossipRouter good = net.add();
        net.connect(a, evil);
        net.connect(a, good);
        List.of(a, evil, good).forEach(r -> net.subscribe(r, T));
        net.deliverAll();
        net.heartbeats(1);
        assertThat(a.mesh(T)).contains(evil.self());
        PrivateKey other = PrivateKey.generate(KeyType.ED25519);
        a.handleRpc(evil.self(), Rpc.ofMessages(List.of(forged(other, 1))));
        assertThat(a.score(evil.self())).isNegative();
        net.clock.advance(Duration.ofSeconds(1));
        a.heartbeat();
        assertThat(a.mesh(T)).doesNotContain(evil.self()).contains(good.self());
        assertThat(a.acceptsFrom(evil.self())).isTrue();
        a.handleRpc(evil.self(), Rpc.ofMessages(List.of(forged(other, 2))));
        assertThat(a.acceptsFrom(evil.self())).isFalse();
        // graylisted: even a valid message from it is ignored now
        int before = net.received(a).size();
        evil.publish(T, bytes("valid but ignored"));
        net.deliverAll();
        assertThat(net.received(a)).hasSize(before);
    }

    private static PubsubMessage forged(PrivateKey claimed, long seq) {
        byte[] from = PeerId.fromPublicKey(claimed.publicKey()).bytes();
        PubsubMessage m = new PubsubMessage(
                from, bytes("forged"), ByteBuffer.allocate(8).putLong(seq).array(), T, null, null);
        return m.withSignature(PrivateKey.generate(KeyType.ED25519).sign(m.signedBytes()), null);
    }

    @Test
    void validatorVerdictsShouldGateDeliveryAndOnlyRejectShouldPenalise() {
        GossipRouter a = net.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of(T, TopicScoreParams.defaults())),
                PeerScoreThresholds.defaults());
        GossipRouter b = net.add();
        net.connect(a, b);
        net.subscribe(a, T);
        net.subscribe(b, T);
        net.deliverAll();
        net.heartbeats(1);
        a.addValidator(T, (src, m) -> switch (new String(m.data(), StandardCharsets.UTF_8)) {
            case "bad" -> ValidationResult.REJECT;
            case "meh" -> ValidationResult.IGNORE;
            default -> ValidationResult.ACCEPT;
        });
        b.publish(T, bytes("meh"));
        net.deliverAll();
        assertThat(net.received(a)).isEmpty();
        assertThat(a.score(b.self())).isGreaterThanOrEqualTo(0);
        b.publish(T, bytes("ok"));
        b.publish(T, bytes("bad"));
        net.deliverAll();
        assertThat(net.received(a))
                .extracting(m -> new String(m.data(), StandardCharsets.UTF_8))
                .containsExactly("ok");
        assertThat(a.score(b.self())).isNegative();
    }

    @Test
    void firstDeliveryCreditShouldDecayAsTheClockAdvances() {
        GossipRouter a = net.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of(T, TopicScoreParams.defaults())),
                PeerScoreThresholds.defaults());
        GossipRouter b = net.add();
        net.connect(a, b);
        net.subscribe(a, T);
        net.subscribe(b, T);
        net.deliverAll();
        net.heartbeats(1);
        for (int i = 0; i < 10; i++) {
            b.publish(T, bytes("m" + i));
        }
        net.deliverAll();
        double fresh = a.score(b.self());
        assertThat(fresh).isGreaterThan(9);
        net.clock.advance(Duration.ofSeconds(3));
        a.heartbeat();
        double decayed = a.score(b.self());
        assertThat(decayed).isLessThan(fresh / 4).isPositive();
    }

    @Test
    void aMeshPeerThatStopsDeliveringShouldBePrunedOnceMeshDeliveryTrackingActivates() {
        TopicScoreParams tsp = TopicScoreParams.defaults().withMeshDeliveries(-1, 2, Duration.ofSeconds(5));
        GossipRouter a = net.add(
                GossipsubParams.defaults(), PeerScoreParams.defaults(Map.of(T, tsp)), PeerScoreThresholds.defaults());
        GossipRouter silent = net.add();
        net.connect(a, silent);
        net.subscribe(a, T);
        net.subscribe(silent, T);
        net.deliverAll();
        net.heartbeats(1);
        assertThat(a.mesh(T)).contains(silent.self());
        net.clock.advance(Duration.ofSeconds(3));
        a.heartbeat();
        assertThat(a.mesh(T)).contains(silent.self());
        net.clock.advance(Duration.ofSeconds(4));
        a.heartbeat();
        assertThat(a.score(silent.self())).isNegative();
        net.clock.advance(Duration.ofSeconds(1));
        a.heartbeat();
        assertThat(a.mesh(T)).doesNotContain(silent.self());
    }

    @Test
    void publishingToAnUnsubscribedTopicShouldUseAFanoutThatExpires() {
        GossipRouter pub = net.add();
        List<GossipRouter> subs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            GossipRouter s = net.add();
            subs.add(s);
            net.connect(pub, s);
            net.subscribe(s, T);
        }
        net.deliverAll();
        GossipRouter.PublishResult r = pub.publish(T, bytes("fan"));
        assertThat(r.recipients()).isEqualTo(6);
        assertThat(pub.fanout(T)).hasSize(6);
        net.deliverAll();
        assertThat(subs.stream().filter(s -> !net.received(s).isEmpty()).count())
                .isEqualTo(6);
        // the two subscribers outside the fanout learn of the message through the fanout's IHAVE gossip
        net.clock.advance(Duration.ofSeconds(1));
        pub.heartbeat();
        net.deliverAll();
        assertThat(subs.stream().filter(s -> !net.received(s).isEmpty()).count())
                .isEqualTo(8);
        net.clock.advance(Duration.ofSeconds(61));
        pub.heartbeat();
        assertThat(pub.fanout(T)).isEmpty();
    }

    @Test
    void peerExchangeShouldBeAcceptedOnlyFromWellScoredPeers() {
        List<List<PeerId>> offered = new ArrayList<>();
        GossipRouter a = net.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of()).withAppSpecificScore(p -> 0),
                PeerScoreThresholds.defaults());
        a.onPeerExchange(offered::add);
        GossipRouter b = net.add();
        net.connect(a, b);
        net.subscribe(a, T);
        net.subscribe(b, T);
        net.deliverAll();
        PeerId stranger =
                PeerId.fromPublicKey(PrivateKey.generate(KeyType.ED25519).publicKey());
        Rpc prune = Rpc.ofControl(new Rpc.Control(
                List.of(), List.of(), List.of(), List.of(new Rpc.Prune(T, List.of(stranger.bytes()), 60))));
        a.handleRpc(b.self(), prune);
        assertThat(offered).isEmpty();
        assertThat(a.isBackedOff(T, b.self())).isTrue();

        RouterNetwork trusted = new RouterNetwork();
        GossipRouter c = trusted.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of()).withAppSpecificScore(p -> 100),
                PeerScoreThresholds.defaults());
        c.onPeerExchange(offered::add);
        GossipRouter d = trusted.add();
        trusted.connect(c, d);
        trusted.subscribe(c, T);
        trusted.subscribe(d, T);
        trusted.deliverAll();
        c.handleRpc(d.self(), prune);
        assertThat(offered).containsExactly(List.of(stranger));
    }

    @Test
    void peersCrowdedOnOneIpShouldScoreBelowZero() {
        GossipRouter a = net.add(
                GossipsubParams.defaults(),
                PeerScoreParams.defaults(Map.of()).withIpColocation(-1, 2),
                PeerScoreThresholds.defaults());
        List<PeerId> sybils = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PeerId p = PeerId.fromPublicKey(PrivateKey.generate(KeyType.ED25519).publicKey());
            a.addPeer(p, false, "10.9.9.9");
            sybils.add(p);
        }
        assertThat(a.score(sybils.getFirst())).isEqualTo(-4.0);
    }

    @Test
    void aDuplicateShouldNotBeDeliveredTwice() {
        GossipRouter a = net.add();
        GossipRouter b = net.add();
        GossipRouter c = net.add();
        net.connect(a, b);
        net.connect(b, c);
        net.connect(a, c);
        List.of(a, b, c).forEach(r -> net.subscribe(r, T));
        net.deliverAll();
        net.heartbeats(1);
        a.publish(T, bytes("once"));
        net.deliverAll();
        assertThat(net.received(b)).hasSize(1);
        assertThat(net.received(c)).hasSize(1);
    }

    @Test
    void anIHaveFloodShouldBeAnsweredOnlyUpToTheSpamLimitsPerHeartbeat() {
        GossipRouter a = net.add();
        GossipRouter spammer = net.add();
        net.connect(a, spammer);
        net.subscribe(a, T);
        net.subscribe(spammer, T);
        net.deliverAll();
        net.drop = e -> true; // we only count what a asks for
        GossipsubParams p = GossipsubParams.defaults();
        for (int i = 0; i < 50; i++) {
            List<MessageId> ids = new ArrayList<>();
            for (int j = 0; j < 1000; j++) {
                ids.add(new MessageId(bytes("spam-" + i + "-" + j)));
            }
            a.handleRpc(
                    spammer.self(),
                    Rpc.ofControl(new Rpc.Control(List.of(new Rpc.IHave(T, ids)), List.of(), List.of(), List.of())));
        }
        long asked = net.sentBetween(a, spammer).stream()
                .filter(r -> r.control() != null)
                .flatMap(r -> r.control().iwant().stream())
                .mapToLong(w -> w.messageIds().size())
                .sum();
        assertThat(asked).isEqualTo(p.maxIHaveLength());
        long iwantRpcs = net.sentBetween(a, spammer).stream()
                .filter(r -> r.control() != null && !r.control().iwant().isEmpty())
                .count();
        assertThat(iwantRpcs).isLessThanOrEqualTo(p.maxIHaveMessages());
    }
}
