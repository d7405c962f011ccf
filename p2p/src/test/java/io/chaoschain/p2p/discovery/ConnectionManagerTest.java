package io.chaoschain.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.NodeIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionManagerTest {
    private final List<Host> hosts = new ArrayList<>();

    private Host host() {
        Host h = new Host(HostConfig.loopback(NodeIdentity.generate()));
        h.start().join();
        hosts.add(h);
        return h;
    }

    @AfterEach
    void stop() {
        hosts.forEach(h -> h.stop().join());
    }

    @Test
    void shouldTrimToTheLowWatermarkSparingProtectedPeers() throws Exception {
        Host hub = host();
        ConnectionManager cm = new ConnectionManager(hub, 2, 3, Duration.ZERO);
        cm.start().join();
        Host keeper = host();
        cm.protect(keeper.peerId());
        keeper.connect(hub.listenAddrs().getFirst().withPeerId(hub.peerId()));
        for (int i = 0; i < 4; i++) {
            host().connect(hub.listenAddrs().getFirst().withPeerId(hub.peerId()));
        }
        Waiter.waitFor(
                "the hub to trim to at most 3 connections", Duration.ofSeconds(5), () -> hub.connectionCount() <= 3);
        assertThat(hub.connectionCount()).isLessThanOrEqualTo(3);
        assertThat(hub.connection(keeper.peerId())).isPresent();
    }

    @Test
    void shouldSpareConnectionsYoungerThanTheGracePeriod() throws Exception {
        Host hub = host();
        ConnectionManager cm = new ConnectionManager(hub, 1, 2, Duration.ofMinutes(1));
        cm.start().join();
        for (int i = 0; i < 4; i++) {
            host().connect(hub.listenAddrs().getFirst().withPeerId(hub.peerId()));
        }
        Waiter.waitFor("the hub to see all 4 connections", Duration.ofSeconds(5), () -> hub.connectionCount() >= 4);
        assertThat(hub.connectionCount()).isEqualTo(4);
        assertThat(cm.trim()).isZero();
        assertThat(hub.connectionCount()).isEqualTo(4);
    }
}
