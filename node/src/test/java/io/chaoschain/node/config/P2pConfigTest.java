package io.chaoschain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class P2pConfigTest {
    static final String PEER = "12D3KooWCh2Db2rnoLZyhQY2ksaa6dGrDaEZq5MtqHHmZunUhA3h";

    @TempDir
    Path dir;

    NodeConfig load(String p2p) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("node.yaml"), MinimalConfig.YAML + p2p));
    }

    void assertError(String p2p, String... fragments) {
        assertThatThrownBy(() -> load(p2p))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith("error: ")
                .hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldLeaveTheNetworkOffWithoutAP2pSection() throws Exception {
        NodeConfig config = load("");
        assertThat(config.p2p().enabled()).isFalse();
        assertThat(config.p2p().keyFile()).isEqualTo(config.dataDir().resolve("p2p.key"));
    }

    @Test
    void shouldReadListenBootstrapKeyFileAndThreshold() throws Exception {
        NodeConfig config = load("""
        p2p:
          listen: /ip4/127.0.0.1/tcp/4001
          bootstrap: ["/ip4/127.0.0.1/tcp/4002/p2p/%s"]
          keyFile: keys/p2p.key
          relevanceThreshold: 0.6
        """.formatted(PEER));
        assertThat(config.p2p().enabled())
                .as("a p2p section turns the network on")
                .isTrue();
        assertThat(config.p2p().listen()).isEqualTo("/ip4/127.0.0.1/tcp/4001");
        assertThat(config.p2p().bootstrap()).containsExactly("/ip4/127.0.0.1/tcp/4002/p2p/" + PEER);
        assertThat(config.p2p().keyFile())
                .isEqualTo(dir.resolve("keys/p2p.key").toAbsolutePath().normalize());
        assertThat(config.p2p().relevanceThreshold()).isEqualTo(0.6);
    }

    @Test
    void shouldNameTheKeyAndTheValueOfABadBootstrapMultiaddr() {
        assertError(
                "p2p:\n  bootstrap: [\"/ip4/127.0.0.1/tcpp/4002\"]\n",
                "p2p.bootstrap[0]",
                "/ip4/127.0.0.1/tcpp/4002",
                "not a valid multiaddr");
    }

    @Test
    void shouldRequireAPeerIdInEveryBootstrapAddress() {
        assertError(
                "p2p:\n  bootstrap: [\"/ip4/127.0.0.1/tcp/4002\"]\n",
                "p2p.bootstrap[0]",
                "peer's ID",
                "/ip4/127.0.0.1/tcp/4002");
    }

    @Test
    void shouldRejectAListenAddressThatIsNotTcp() {
        assertError(
                "p2p:\n  listen: /ip4/127.0.0.1/udp/4001\n", "p2p.listen", "TCP address", "/ip4/127.0.0.1/udp/4001");
        assertError("p2p:\n  listen: 127.0.0.1:4001\n", "p2p.listen", "'127.0.0.1:4001' is not a valid multiaddr");
    }

    @Test
    void shouldRejectAThresholdOutsideTheCosineRangeAndUnknownKeys() {
        assertError("p2p:\n  relevanceThreshold: 2\n", "p2p.relevanceThreshold", "between -1 and 1", "'2'");
        assertError("p2p:\n  bootstrapPeers: []\n", "p2p.bootstrapPeers", "not a known setting");
    }
}
