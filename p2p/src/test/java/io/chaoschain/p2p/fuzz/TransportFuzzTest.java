package io.chaoschain.p2p.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.internal.noise.NoiseHandshake;
import io.chaoschain.p2p.internal.yamux.YamuxSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TransportFuzzTest {
    private static final PrivateKey KEY = PrivateKey.generate(KeyType.ED25519);

    @Property(tries = 200)
    void noiseResponderShouldRejectGarbageWithAnIoException(@ForAll @Size(max = 400) byte[] input) {
        try {
            NoiseHandshake.respond(new ByteArrayInputStream(input), new ByteArrayOutputStream(), KEY, List.of());
        } catch (IOException expected) {
            // rejected cleanly
        }
    }

    @Property(tries = 200)
    void yamuxShouldCloseTheSessionOnGarbageWithoutEscapingExceptions(@ForAll @Size(max = 400) byte[] input)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        YamuxSession s = new YamuxSession(
                new ByteArrayInputStream(input),
                OutputStream.nullOutputStream(),
                false,
                8,
                stream -> stream.reset(),
                closed::countDown);
        s.start("fuzz");
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDataFrameLargerThanTheWindowShouldEndTheSessionBeforeAnyAllocation() throws Exception {
        ByteBuffer frames = ByteBuffer.allocate(24);
        frames.put((byte) 0).put((byte) 1).putShort((short) 1).putInt(1).putInt(0); // SYN for stream 1
        frames.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(1).putInt(Integer.MAX_VALUE); // 2 GiB claimed
        CountDownLatch closed = new CountDownLatch(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        YamuxSession s =
                new YamuxSession(new ByteArrayInputStream(frames.array()), out, false, 8, st -> {}, closed::countDown);
        s.start("oversize");
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        byte[] written = out.toByteArray();
        // the last frame we sent is a GoAway (type 3) with the protocol-error code 1
        assertThat(written[written.length - 11]).isEqualTo((byte) 3);
        assertThat(ByteBuffer.wrap(written, written.length - 4, 4).getInt()).isEqualTo(1);
    }

    @Test
    void aHostShouldShrugOffRandomBytesOnItsListenerAndKeepServing() throws Exception {
        Host host = new Host(HostConfig.loopback(NodeIdentity.generate()));
        Host client = new Host(HostConfig.loopback(NodeIdentity.generate()));
        host.start().join();
        client.start().join();
        try {
            InetSocketAddress addr =
                    host.listenAddrs().getFirst().toTcpSocketAddress().orElseThrow();
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket(addr.getAddress(), addr.getPort())) {
                    byte[] junk = new byte[r.nextInt(2000)];
                    r.nextBytes(junk);
                    s.getOutputStream().write(junk);
                } catch (IOException ignored) {
                    // the host may hang up first
                }
            }
            client.connect(host.listenAddrs().getFirst().withPeerId(host.peerId()));
            assertThat(client.ping(host.peerId())).isPositive();
        } finally {
            client.stop().join();
            host.stop().join();
        }
    }
}
