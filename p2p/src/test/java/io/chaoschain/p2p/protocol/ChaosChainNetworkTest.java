package io.chaoschain.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.protocol.ChaosMessage.Insight;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import io.chaoschain.p2p.pubsub.TopicScoreParams;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

class ChaosChainNetworkTest {
    record Node(Host host, Gossipsub gossip, ChaosChainNetwork net, List<ChaosChainNetwork.Received> inbox) {}

    private final List<Node> nodes = new ArrayList<>();
    // the agents' clock (envelope timestamps, skew checks, rate limits); it stands still, so no refill blurs the limits
    private final StubTimeProvider clock = StubTimeProvider.create();

    private Node node(long agentSecret, SimilarSolutions.Provider provider) {
        Host host = new Host(HostConfig.loopback(NodeIdentity.generate()));
        host.start().join();
        Map<String, TopicScoreParams> scored = Map.of(ChaosMessage.INSIGHTS_TOPIC, TopicScoreParams.defaults());
        Gossipsub g = new Gossipsub(
                host,
                GossipsubParams.defaults().withHeartbeatInterval(Duration.ofMillis(100)),
                PeerScoreParams.defaults(scored),
                PeerScoreThresholds.defaults());
        g.start().join();
        ChaosChainNetwork net = new ChaosChainNetwork(
                host,
                g,
                ECKeyPair.create(BigInteger.valueOf(agentSecret)),
                clock,
                ChaosChainNetwork.Config.defaults(),
                provider);
        net.start().join();
        List<ChaosChainNetwork.Received> inbox = new CopyOnWriteArrayList<>();
        net.onMessage(inbox::add);
        Node n = new Node(host, g, net, inbox);
        nodes.add(n);
        return n;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> {
            n.gossip().stop().join();
            n.host().stop().join();
        });
    }

    private static void connect(Node a, Node b) throws Exception {
        a.host().connect(b.host().listenAddrs().getFirst().withPeerId(b.host().peerId()));
    }

    private static void await(String what, BooleanSupplier c) {
        Waiter.waitFor(what, Duration.ofSeconds(10), c);
    }

    /** a - b - c line, so c only hears a's messages if b validated and relayed them. */
    private List<Node> line() throws Exception {
        Node a = node(101, q -> List.of());
        Node b = node(102, q -> List.of());
        Node c = node(103, q -> List.of());
        connect(a, b);
        connect(b, c);
        await(
                "meshes form",
                () -> a.gossip().meshPeers(ChaosMessage.INSIGHTS_TOPIC).size() == 1
                        && c.gossip().meshPeers(ChaosMessage.INSIGHTS_TOPIC).size() == 1
                        && b.gossip().meshPeers(ChaosMessage.INSIGHTS_TOPIC).size() == 2);
        return List.of(a, b, c);
    }

    @Test
    void aSignedInsightShouldReachEveryNodeAttributedToItsAgent() throws Exception {
        List<Node> l = line();
        Insight insight = new Insight(31337, "0xmarket", "utilization-above-kink", "util 93% for 6h", 0.8);
        SignedEnvelope sent = l.get(0).net().publish(insight);
        await("c receives", () -> !l.get(2).inbox().isEmpty());
        ChaosChainNetwork.Received got = l.get(2).inbox().getFirst();
        assertThat(got.message()).isEqualTo(insight);
        assertThat(got.agent()).isEqualTo(sent.agent());
        assertThat(got.source()).isEqualTo(l.get(0).host().peerId());
        assertThat(got.envelope().encode())
                .as("the envelope as signed, for storing and re-verifying")
                .isEqualTo(sent.encode());
        assertThat(l.get(1).inbox()).hasSize(1);
    }

    @Test
    void aSimilarSolutionShouldCarryTheSignedInsightItWasPublishedAs() {
        SignedEnvelope signed = SignedEnvelope.sign(
                new Insight(
                        1,
                        "0xm",
                        "utilization-above-kink",
                        "fix",
                        0.5,
                        java.util.Map.of("parameter", "jumpMultiplierPerYear")),
                ECKeyPair.create(BigInteger.valueOf(9)),
                1,
                2);
        SimilarSolutions.Response sent = new SimilarSolutions.Response(
                SimilarSolutions.Status.OK,
                List.of(
                        new SimilarSolutions.Solution(1, "0xid", "t", "fix", 0.7, signed.encode()),
                        new SimilarSolutions.Solution(10, "p-7", "Lower slope", "no envelope", 0.6)));
        SimilarSolutions.Response got = SimilarSolutions.Response.decode(sent.encode());
        SignedEnvelope carried = got.solutions().getFirst().insightEnvelope().orElseThrow();
        assertThat(carried.signatureValid()).isTrue();
        assertThat(carried.message()).isEqualTo(signed.message());
        assertThat(got.solutions().get(1).insightEnvelope()).isEmpty();
    }

    @Test
    void aForgedEnvelopeShouldBeRejectedByTheFirstHopAndGetItsSenderGraylisted() throws Exception {
        List<Node> l = line();
        SignedEnvelope honest = SignedEnvelope.sign(
                new Insight(1, "t", "c", "real", 0.1), ECKeyPair.create(BigInteger.valueOf(7)), clock.epochMillis(), 1);
        String victim = "0x"
                + org.web3j.crypto.Keys.getAddress(
                        ECKeyPair.create(BigInteger.valueOf(8)).getPublicKey());
        SignedEnvelope forged = new SignedEnvelope(
                1, honest.kind(), honest.payload(), victim, honest.timestampMillis(), 1, honest.signature());
        l.get(0).gossip().publish(ChaosMessage.INSIGHTS_TOPIC, forged.encode());
        await("b rejects", () -> l.get(1).net().verdictCounts().getOrDefault("REJECT", 0L) == 1);
        // one invalid message on a scored topic costs P4 = -100, below the -80 graylist threshold
        assertThat(l.get(1).gossip().score(l.get(0).host().peerId()))
                .isLessThan(PeerScoreThresholds.defaults().graylistThreshold());
        boolean accepts =
                l.get(1).gossip().call(r -> r.acceptsFrom(l.get(0).host().peerId()));
        assertThat(accepts).isFalse();
        // b still relays honest traffic from c's side, and never passed the forgery on
        l.get(2).net().publish(new Insight(1, "t", "c", "from c", 0.1));
        await("b receives c's insight", () -> !l.get(1).inbox().isEmpty());
        assertThat(l.get(1).inbox())
                .extracting(r -> ((Insight) r.message()).summary())
                .containsExactly("from c");
        assertThat(l.get(2).inbox()).isEmpty();
    }

    @Test
    void staleMessagesShouldBeIgnoredWithoutPenalty() throws Exception {
        List<Node> l = line();
        SignedEnvelope old = SignedEnvelope.sign(
                new Insight(1, "t", "c", "old", 0.1),
                ECKeyPair.create(BigInteger.valueOf(7)),
                clock.epochMillis() - Duration.ofMinutes(10).toMillis(),
                5);
        l.get(0).gossip().publish(ChaosMessage.INSIGHTS_TOPIC, old.encode());
        await("b ignores", () -> l.get(1).net().verdictCounts().getOrDefault("IGNORE", 0L) == 1);
        assertThat(l.get(1).gossip().score(l.get(0).host().peerId())).isGreaterThanOrEqualTo(0);
        assertThat(l.get(1).inbox()).isEmpty();
    }

    @Test
    void similarSolutionQueriesShouldBeAnsweredExcludingTheAskersChainAndRateLimited() throws Exception {
        Node asker = node(201, q -> List.of());
        Node expert = node(
                202,
                q -> List.of(
                        new SimilarSolutions.Solution(1, "p-1", "Raise kink to 90%", "mainnet fix", 0.9),
                        new SimilarSolutions.Solution(10, "p-7", "Lower slope", "optimism fix", 0.6)));
        connect(asker, expert);
        SimilarSolutions.Response r = asker.net()
                .querySimilar(
                        expert.host().peerId(),
                        new SimilarSolutions.Query("utilization-above-kink", "util 95%", 1, 10));
        assertThat(r.status()).isEqualTo(SimilarSolutions.Status.OK);
        assertThat(r.solutions())
                .extracting(SimilarSolutions.Solution::proposalId)
                .containsExactly("p-7");
        SimilarSolutions.Status last = SimilarSolutions.Status.OK;
        for (int i = 0; i < 15 && last == SimilarSolutions.Status.OK; i++) {
            last = asker.net()
                    .querySimilar(expert.host().peerId(), new SimilarSolutions.Query("x", "", 0, 1))
                    .status();
        }
        assertThat(last).isEqualTo(SimilarSolutions.Status.RATE_LIMITED);
    }
}
