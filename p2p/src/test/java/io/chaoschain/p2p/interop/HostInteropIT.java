package io.chaoschain.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transport-level interop with js-libp2p 2.9: TCP + multistream-select + Noise + yamux, identify and ping. */
class HostInteropIT {
    static JsPeer js;
    static Host java;

    @BeforeAll
    static void start() throws Exception {
        js = JsPeer.start(Map.of());
        java = new Host(HostConfig.loopback(NodeIdentity.generate()));
        java.start().join();
    }

    @AfterAll
    static void stop() {
        if (java != null) {
            java.stop().join();
        }
        if (js != null) {
            js.close();
        }
    }

    @Test
    void javaShouldDialJsAndPingIt() throws Exception {
        Connection c = java.connect(js.addr());
        assertThat(c.remotePeer()).isEqualTo(js.peerId());
        Duration rtt = java.ping(js.peerId());
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(c.muxerPing()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void javaShouldLearnJsProtocolsThroughIdentify() throws Exception {
        java.connect(js.addr());
        assertThat(java.peerstore().protocols(js.peerId()))
                .contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0", "/meshsub/1.1.0");
        assertThat(java.peerstore().agentVersion(js.peerId()))
                .hasValueSatisfying(a -> assertThat(a).contains("js-libp2p"));
    }

    @Test
    void jsShouldDialJavaPingItAndReceiveItsIdentify() throws Exception {
        Multiaddr addr = java.listenAddrs().getFirst().withPeerId(java.peerId());
        JsonNode dial = js.command("dial", Map.of("addr", addr.toString()));
        assertThat(dial.path("peer").asText()).isEqualTo(java.peerId().toBase58());
        JsonNode ping = js.command("ping", Map.of("target", java.peerId().toBase58()));
        assertThat(ping.path("rttMs").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode info = waitForProtocols();
        List<String> protocols = new ArrayList<>();
        info.path("protocols").forEach(p -> protocols.add(p.asText()));
        assertThat(protocols).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0");
        assertThat(info.path("agent").asText()).isEqualTo("chaoschain/0.1.0");
    }

    private JsonNode waitForProtocols() {
        return Waiter.waitForValue(
                "js to learn the java host's protocols through identify", Duration.ofSeconds(5), () -> {
                    JsonNode info =
                            js.command("protocols", Map.of("peer", java.peerId().toBase58()));
                    return info.path("protocols").isEmpty() ? Optional.empty() : Optional.of(info);
                });
    }
}
