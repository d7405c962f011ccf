package io.chaoschain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.p2p.internal.LengthPrefixed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostTest {
    private static final String ECHO = "/test/echo/1.0.0";
    private Host a;
    private Host b;

    @BeforeEach
    void start() {
        a = new Host(HostConfig.loopback(NodeIdentity.generate()));
        b = new Host(HostConfig.loopback(NodeIdentity.generate()));
        a.start().join();
        b.start().join();
        b.setStreamHandler(ECHO, s -> {
            try (s) {
                s.in().transferTo(s.out());
                s.out().flush();
            }
        });
    }

    @AfterEach
    void stop() {
        a.stop().join();
        b.stop().join();
    }

    private Multiaddr addrOf(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    @Test
    void shouldAuthenticateBothPeersAndExchangeIdentify() throws Exception {
        Connection c = a.connect(addrOf(b));
        assertThat(c.remotePeer()).isEqualTo(b.peerId());
        assertThat(c.outbound()).isTrue();
        assertThat(a.peerstore().protocols(b.peerId())).contains(ECHO, Host.PING_PROTOCOL);
        assertThat(a.ping(b.peerId())).isPositive();
    }

    @Test
    void shouldMoveMegabytesThroughOneStreamRespectingFlowControl() throws Exception {
        a.connect(addrOf(b));
        P2pStream s = a.newStream(b.peerId(), List.of(ECHO));
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(payload);
        // the echo handler only reads as fast as it can write back, so this exercises windows in both directions
        CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(
                () -> readAll(s.in()), r -> Thread.ofVirtual().start(r));
        s.out().write(payload);
        s.closeWrite();
        byte[] back = echoed.get(30, TimeUnit.SECONDS);
        assertThat(MessageDigest.getInstance("SHA-256").digest(back))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
    }

    @Test
    void shouldRunManyConcurrentStreamsOnOneConnection() throws Exception {
        a.connect(addrOf(b));
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] msg = ("stream " + i).repeat(100).getBytes();
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            P2pStream s = a.newStream(b.peerId(), List.of(ECHO));
                            s.out().write(msg);
                            s.closeWrite();
                            return java.util.Arrays.equals(readAll(s.in()), msg);
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    },
                    r -> Thread.ofVirtual().start(r)));
        }
        for (CompletableFuture<Boolean> r : results) {
            assertThat(r.get(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(a.connections()).hasSize(1);
    }

    @Test
    void shouldSurfaceAResetToTheOtherSide() throws Exception {
        CountDownLatch handlerSawReset = new CountDownLatch(1);
        b.setStreamHandler("/test/hold/1.0.0", s -> {
            try {
                s.in().read();
            } catch (IOException e) {
                handlerSawReset.countDown();
            }
        });
        a.connect(addrOf(b));
        P2pStream s = a.newStream(b.peerId(), List.of("/test/hold/1.0.0"));
        s.reset();
        assertThat(handlerSawReset.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldAnswerNaForUnknownProtocolsAndFallBackToAKnownOne() throws Exception {
        a.connect(addrOf(b));
        assertThatThrownBy(() -> a.newStream(b.peerId(), List.of("/nope/1.0.0")))
                .isInstanceOf(IOException.class);
        P2pStream s = a.newStream(b.peerId(), List.of("/nope/1.0.0", ECHO));
        assertThat(s.protocol()).isEqualTo(ECHO);
        s.close();
    }

    @Test
    void shouldRefuseAPeerWhoseKeyDoesNotMatchTheDialedPeerId() {
        Multiaddr wrong =
                b.listenAddrs().getFirst().withPeerId(NodeIdentity.generate().peerId());
        assertThatThrownBy(() -> a.connect(wrong))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected");
        assertThat(a.connections()).isEmpty();
    }

    @Test
    void shouldTellListenersAboutConnectionsAndDisconnections() throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        CountDownLatch down = new CountDownLatch(1);
        b.addListener(new ConnectionListener() {
            @Override
            public void connected(Connection c) {
                up.countDown();
            }

            @Override
            public void disconnected(Connection c) {
                down.countDown();
            }
        });
        Connection c = a.connect(addrOf(b));
        assertThat(up.await(5, TimeUnit.SECONDS)).isTrue();
        c.close();
        assertThat(down.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldPushIdentifyWhenAHandlerIsAddedLater() throws Exception {
        a.connect(addrOf(b));
        CountDownLatch changed = new CountDownLatch(1);
        a.addListener(new ConnectionListener() {
            @Override
            public void protocolsChanged(PeerId peer) {
                changed.countDown();
            }
        });
        b.setStreamHandler("/test/late/1.0.0", P2pStream::close);
        assertThat(changed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(a.peerstore().protocols(b.peerId())).contains("/test/late/1.0.0");
    }

    @Test
    void shouldRefuseInboundConnectionsAboveTheLimit() throws Exception {
        Host small = new Host(HostConfig.loopback(NodeIdentity.generate()).withMaxConnections(1));
        small.start().join();
        try {
            a.connect(addrOf(small));
            assertThatThrownBy(() -> b.connect(addrOf(small))).isInstanceOf(IOException.class);
            assertThat(small.connectionCount()).isEqualTo(1);
        } finally {
            small.stop().join();
        }
    }

    @Test
    void aFailedBindShouldCloseWhatWasBoundAndNameTheAddressThatIsTaken() throws Exception {
        int free = freePort();
        ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            Multiaddr busy = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + taken.getLocalPort());
            Host h = new Host(HostConfig.loopback(NodeIdentity.generate())
                    .withListenAddrs(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + free), busy)));

            assertThatThrownBy(() -> h.start().join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("cannot listen on " + busy)
                    .hasMessageContaining("Address already in use");
            assertThat(h.listenAddrs()).isEmpty();
            assertThat(h.activeThreads()).as("no accept loop left running").isZero();
            try (ServerSocket again = new ServerSocket(free, 50, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort())
                        .as("the address bound before the failure was released")
                        .isEqualTo(free);
            }

            // the same host starts once the port is free, and works
            taken.close();
            h.start().join();
            try {
                assertThat(h.listenAddrs()).hasSize(2);
                a.connect(addrOf(h));
                assertThat(a.ping(h.peerId())).isPositive();
            } finally {
                h.stop().join();
            }
        } finally {
            taken.close();
        }
    }

    @Test
    void stopShouldEndEveryThreadTheHostStarted() throws Exception {
        a.connect(addrOf(b));
        P2pStream s = a.newStream(b.peerId(), List.of(ECHO));
        s.out().write("hello".getBytes());
        s.out().flush();
        assertThat(a.activeThreads()).isPositive();
        assertThat(b.activeThreads()).isPositive();

        a.stop().join();
        b.stop().join();

        assertThat(a.activeThreads()).isZero();
        assertThat(b.activeThreads()).isZero();
        assertThat(a.connections()).isEmpty();
    }

    @Test
    void stopShouldBeSafeWithoutStartAndWhenRepeated() {
        Host never = new Host(HostConfig.loopback(NodeIdentity.generate()));
        never.stop().join();
        a.stop().join();
        a.stop().join();
        assertThat(never.activeThreads()).isZero();
        assertThat(a.activeThreads()).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldRejectOversizedLengthPrefixesBeforeAllocating() {
        byte[] huge = io.chaoschain.p2p.internal.Varint.encode(1L << 40);
        assertThatThrownBy(() -> LengthPrefixed.read(new java.io.ByteArrayInputStream(huge), 1024))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("exceeds the limit");
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
