package io.chaoschain.p2p.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One Java gossipsub node for bench/p2p, speaking the same stdio JSON-lines protocol as the js-libp2p reference peer
 * (src/test/js/peer.mjs), so the benchmark drives both implementations identically.
 */
public final class BenchNode {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    private BenchNode() {}

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    static synchronized void emit(ObjectNode n) {
        OUT.println(n.toString());
        OUT.flush();
    }

    public static void main(String[] args) throws Exception {
        JsonNode config = JSON.readTree(args.length > 0 ? args[0] : "{}");
        Host host = new Host(HostConfig.loopback(NodeIdentity.generate())
                .withListenAddrs(List.of(Multiaddr.parse(config.path("listen").asText("/ip4/127.0.0.1/tcp/0")))));
        host.start().join();
        GossipsubParams params = GossipsubParams.defaults()
                .withDegree(
                        config.path("Dlo").asInt(5),
                        config.path("D").asInt(6),
                        config.path("Dhi").asInt(12))
                .withHeartbeatInterval(
                        java.time.Duration.ofMillis(config.path("heartbeatMs").asInt(1000)))
                .withFloodPublish(config.path("floodPublish").asBoolean(true));
        PeerScoreParams score = PeerScoreParams.defaults(Map.of());
        if (config.has("ipColocationWeight")) {
            score = score.withIpColocation(
                    config.path("ipColocationWeight").asDouble(), score.ipColocationFactorThreshold());
        }
        Gossipsub gossip = new Gossipsub(host, params, score, PeerScoreThresholds.defaults());
        gossip.start().join();
        boolean quiet = config.path("quiet").asBoolean(false);
        for (JsonNode t : config.path("topics")) {
            gossip.subscribe(t.asText(), m -> {
                ObjectNode e = JSON.createObjectNode()
                        .put("event", "message")
                        .put("topic", m.topic())
                        .put("receivedMicros", nowMicros());
                byte[] d = m.data();
                // the benchmark only needs the stamped header; skip hex-encoding the whole payload
                e.put("data", HexFormat.of().formatHex(d, 0, Math.min(d.length, quiet ? 16 : d.length)));
                m.publisher().ifPresent(p -> e.put("from", p.toBase58()));
                emit(e);
            });
        }
        ObjectNode ready = JSON.createObjectNode()
                .put("event", "ready")
                .put("peerId", host.peerId().toBase58());
        ready.putArray("addrs")
                .add(host.listenAddrs().getFirst().withPeerId(host.peerId()).toString());
        emit(ready);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode cmd = JSON.readTree(line);
            ObjectNode reply = JSON.createObjectNode()
                    .put("event", "reply")
                    .put("id", cmd.path("id").asInt());
            try {
                ObjectNode result = reply.putObject("result");
                switch (cmd.path("cmd").asText()) {
                    case "dial" ->
                        result.put(
                                "peer",
                                host.connect(Multiaddr.parse(cmd.path("addr").asText()))
                                        .remotePeer()
                                        .toBase58());
                    case "publish" -> {
                        byte[] data =
                                HexFormat.of().parseHex(cmd.path("dataHex").asText(""));
                        if (cmd.path("stampMicros").asBoolean(false)) {
                            ByteBuffer.wrap(data).putLong(0, nowMicros());
                        }
                        result.put(
                                "recipients",
                                gossip.publish(cmd.path("topic").asText(), data).recipients());
                    }
                    case "peers" ->
                        host.connectedPeers()
                                .forEach(p -> result.withArray("peers").add(p.toBase58()));
                    case "meshPeers" -> {
                        result.putArray("peers");
                        gossip.meshPeers(cmd.path("topic").asText())
                                .forEach(p -> result.withArray("peers").add(p.toBase58()));
                    }
                    case "ping" ->
                        result.put(
                                "rttMs",
                                host.ping(PeerId.parse(cmd.path("target").asText()))
                                                .toNanos()
                                        / 1e6);
                    case "stats" -> {
                        result.put("rss", rssBytes());
                        result.put("droppedRpcs", gossip.droppedRpcs());
                        result.put(
                                "cpuMicros",
                                ((com.sun.management.OperatingSystemMXBean)
                                                        ManagementFactory.getOperatingSystemMXBean())
                                                .getProcessCpuTime()
                                        / 1000);
                    }
                    case "stop" -> {
                        reply.put("ok", true);
                        emit(reply);
                        gossip.stop().join();
                        host.stop().join();
                        System.exit(0);
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "unknown command " + cmd.path("cmd").asText());
                }
                reply.put("ok", true);
            } catch (Exception e) {
                reply.put("ok", false).put("error", String.valueOf(e));
            }
            emit(reply);
        }
        gossip.stop().join();
        host.stop().join();
        System.exit(0);
    }

    private static long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not on Linux
        }
        return Runtime.getRuntime().totalMemory();
    }
}
