package io.chaoschain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binary vectors produced by @multiformats/multiaddr for the same text. */
class MultiaddrTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/4001, 047f000001060fa1",
        "/ip6/::1/tcp/8080, 2900000000000000000000000000000001061f90",
        "/dns4/example.com/tcp/443, 360b6578616d706c652e636f6d0601bb",
        "/ip6/2001:db8::ff00:42:8329/tcp/1, 2920010db8000000000000ff0000428329060001",
        "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC, a503221220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b",
        "/ip4/1.2.3.4/tcp/80/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA, 0401020304060050a503260024080112202ffa35a99d3a3cfbb17bb7c1dc5561b18a8dcca4df38dc613ea859c37eb1336b"
    })
    void shouldEncodeTextToTheReferenceBinaryAndBack(String text, String hex) {
        Multiaddr addr = Multiaddr.parse(text);
        assertThat(HEX.formatHex(addr.bytes())).isEqualTo(hex);
        Multiaddr decoded = Multiaddr.fromBytes(HEX.parseHex(hex));
        assertThat(decoded).isEqualTo(addr);
        assertThat(decoded.toString()).isEqualTo(text);
    }

    @Test
    void shouldSplitOffAndReattachThePeerId() {
        Multiaddr addr =
                Multiaddr.parse("/ip4/1.2.3.4/tcp/80/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        assertThat(addr.peerId())
                .map(PeerId::toBase58)
                .contains("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        assertThat(addr.withoutPeerId().toString()).isEqualTo("/ip4/1.2.3.4/tcp/80");
        assertThat(addr.withoutPeerId().withPeerId(addr.peerId().orElseThrow())).isEqualTo(addr);
        assertThat(addr.toTcpSocketAddress()).contains(new InetSocketAddress("1.2.3.4", 80));
    }

    @Test
    void shouldAcceptTheLegacyIpfsProtocolName() {
        assertThat(Multiaddr.parse("/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC")
                        .toString())
                .isEqualTo("/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC");
    }

    @Test
    void shouldNameWhatIsWrongWithBadText() {
        assertThatThrownBy(() -> Multiaddr.parse("ip4/1.2.3.4")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.400/tcp/1")).hasMessageContaining("ip4");
        assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.4/tcp/70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Multiaddr.parse("/ip4/1.2.3.4/tcp")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Multiaddr.parse("/foo/1")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> Multiaddr.parse("/ip6/localhost/tcp/1")).hasMessageContaining("ip6");
    }

    @Test
    void shouldRejectTruncatedBinary() {
        assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("047f0000")))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex("a503ff")))
                .isInstanceOf(MalformedMessageException.class);
    }
}
