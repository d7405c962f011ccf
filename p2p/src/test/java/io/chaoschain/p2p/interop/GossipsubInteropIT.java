package io.chaoschain.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gossipsub v1.1 interop with @chainsafe/libp2p-gossipsub 14.1.2 (StrictSign, /meshsub/1.2.0 falls back to 1.1.0). */
class GossipsubInteropIT {
    private static final String TOPIC = "/chaoschain/interop/1";
    private final List<AutoCloseable> resources = new ArrayList<>();

    record JavaNode(Host host, Gossipsub gossip, List<PubsubMessage> received) {
        Multiaddr addr() {
            return host.listenAddrs().getFirst().withPeerId(host.peerId());
        }
    }

    private JavaNode javaNode() {
        Host host = new Host(HostConfig.loopback(NodeIdentity.generate()));
        host.start().join();
        Gossipsub g = new Gossipsub(
                host,
                GossipsubParams.defaults().withHeartbeatInterval(Duration.ofMillis(200)),
                PeerScoreParams.defaults(Map.of()),
                PeerScoreThresholds.defaults());
        g.start().join();
        List<PubsubMessage> received = new CopyOnWriteArrayList<>();
        g.subscribe(TOPIC, received::add);
        resources.add(() -> {
            g.stop().join();
            host.stop().join();
        });
        return new JavaNode(host, g, received);
    }

    private JsPeer jsNode() throws Exception {
        JsPeer js = JsPeer.start(Map.of("topics", List.of(TOPIC), "heartbeatMs", 200));
        resources.add(js);
        return js;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
    }

    @Test
    void messagesShouldFlowBothWaysBetweenJavaAndJs() throws Exception {
        JavaNode java = javaNode();
        JsPeer js = jsNode();
        java.host().connect(js.addr());
        awaitTrue(
                "both sides see each other's subscription",
                () -> java.gossip().topicPeers(TOPIC).contains(js.peerId())
                        && jsTopicPeers(js).contains(java.host().peerId().toBase58()));

        java.gossip().publish(TOPIC, "hello from java".getBytes(StandardCharsets.UTF_8));
        JsonNode got = js.awaitEvent("message", m -> m.path("topic").asText().equals(TOPIC), Duration.ofSeconds(10));
        assertThat(new String(HexFormat.of().parseHex(got.path("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hello from java");
        assertThat(got.path("from").asText()).isEqualTo(java.host().peerId().toBase58());

        js.command("publish", Map.of("topic", TOPIC, "dataHex", HexFormat.of().formatHex("hello from js".getBytes())));
        awaitTrue("java receives the js message", () -> !java.received().isEmpty());
        PubsubMessage m = java.received().getFirst();
        assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("hello from js");
        assertThat(m.publisher()).contains(js.peerId());
    }

    @Test
    void javaAndJsShouldGraftEachOtherIntoTheirMeshes() throws Exception {
        JavaNode java = javaNode();
        JsPeer js = jsNode();
        js.command("dial", Map.of("addr", java.addr().toString()));
        awaitTrue("java grafts js", () -> java.gossip().meshPeers(TOPIC).contains(js.peerId()));
        awaitTrue("js grafts java", () -> {
            try {
                List<String> mesh = new ArrayList<>();
                js.command("meshPeers", Map.of("topic", TOPIC)).path("peers").forEach(p -> mesh.add(p.asText()));
                return mesh.contains(java.host().peerId().toBase58());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aMixedMeshOfThreeJavaAndThreeJsNodesShouldDeliverEveryMessageToEveryNode() throws Exception {
        List<JavaNode> javas = List.of(javaNode(), javaNode(), javaNode());
        List<JsPeer> jss = List.of(jsNode(), jsNode(), jsNode());
        // a ring: java0 - js0 - java1 - js1 - java2 - js2 - java0, so most paths need relaying across implementations
        for (int i = 0; i < 3; i++) {
            javas.get(i).host().connect(jss.get(i).addr());
            jss.get(i)
                    .command(
                            "dial", Map.of("addr", javas.get((i + 1) % 3).addr().toString()));
        }
        for (JavaNode j : javas) {
            awaitTrue("java mesh has 2 peers", () -> j.gossip().meshPeers(TOPIC).size() >= 2);
        }
        for (JsPeer js : jss) {
            awaitTrue("js mesh has 2 peers", () -> {
                try {
                    return js.command("meshPeers", Map.of("topic", TOPIC))
                                    .path("peers")
                                    .size()
                            >= 2;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String a = "java-" + i;
            javas.get(i).gossip().publish(TOPIC, a.getBytes(StandardCharsets.UTF_8));
            sent.add(a);
            String b = "js-" + i;
            jss.get(i)
                    .command(
                            "publish",
                            Map.of("topic", TOPIC, "dataHex", HexFormat.of().formatHex(b.getBytes())));
            sent.add(b);
        }
        for (int i = 0; i < 3; i++) {
            JavaNode j = javas.get(i);
            Set<String> expected = new HashSet<>(sent);
            expected.remove("java-" + i);
            awaitTrue("java node " + i + " got all", () -> texts(j.received()).containsAll(expected));
            assertThat(texts(j.received())).hasSize(5);
            JsPeer js = jss.get(i);
            Set<String> expectedJs = new HashSet<>(sent);
            expectedJs.remove("js-" + i);
            awaitTrue("js node " + i + " got all", () -> jsTexts(js).containsAll(expectedJs));
            assertThat(js.events("message")).hasSize(5);
        }
    }

    private static Set<String> texts(List<PubsubMessage> msgs) {
        Set<String> out = ConcurrentHashMap.newKeySet();
        msgs.forEach(m -> out.add(new String(m.data(), StandardCharsets.UTF_8)));
        return out;
    }

    private static Set<String> jsTexts(JsPeer js) {
        Set<String> out = new HashSet<>();
        js.events("message")
                .forEach(m -> out.add(
                        new String(HexFormat.of().parseHex(m.path("data").asText()), StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> jsTopicPeers(JsPeer js) {
        List<String> out = new ArrayList<>();
        try {
            js.command("topicPeers", Map.of("topic", TOPIC)).path("peers").forEach(p -> out.add(p.asText()));
        } catch (Exception e) {
            // not yet
        }
        return out;
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        Waiter.waitFor(what, Duration.ofSeconds(15), condition);
    }
}
