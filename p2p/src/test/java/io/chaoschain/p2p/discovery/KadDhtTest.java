package io.chaoschain.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.Waiter;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KadDhtTest {
    private final List<Host> hosts = new ArrayList<>();
    private final List<KadDht> dhts = new ArrayList<>();

    private KadDht node(List<Multiaddr> bootstrap) {
        Host h = new Host(HostConfig.loopback(NodeIdentity.generate()));
        h.start().join();
        KadDht d = new KadDht(h, bootstrap);
        d.start().join();
        hosts.add(h);
        dhts.add(d);
        return d;
    }

    private static Multiaddr addr(Host h) {
        return h.listenAddrs().getFirst().withPeerId(h.peerId());
    }

    @AfterEach
    void stop() {
        dhts.forEach(d -> d.stop().join());
        hosts.forEach(h -> h.stop().join());
    }

    @Test
    void aNewcomerKnowingOnlyOnePeerShouldDiscoverAndReachTheWholeNetwork() throws Exception {
        KadDht first = node(List.of());
        for (int i = 1; i < 10; i++) {
            // each node bootstraps from its predecessor only, forming a chain of introductions
            node(List.of(addr(hosts.get(i - 1)))).bootstrap();
        }
        KadDht newcomer = node(List.of(addr(hosts.getFirst())));
        newcomer.bootstrap();
        Host far = hosts.get(9);
        List<PeerId> found = newcomer.findNode(far.peerId());
        assertThat(found).contains(far.peerId());
        Host me = hosts.getLast();
        assertThat(me.peerstore().addrs(far.peerId())).isNotEmpty();
        assertThat(me.connect(far.peerId()).remotePeer()).isEqualTo(far.peerId());
        assertThat(newcomer.routingTable().size()).isGreaterThanOrEqualTo(5);
        assertThat(first.routingTable().size()).isGreaterThan(0);
    }

    @Test
    void stopShouldEndTheMaintenanceLoop() {
        Host h = new Host(HostConfig.loopback(NodeIdentity.generate()));
        h.start().join();
        hosts.add(h);
        KadDht d = new KadDht(h, List.of(), 4, Duration.ofMillis(20));
        d.start().join();
        assertThat(d.maintenanceRunning()).isTrue();

        d.stop().join();

        assertThat(d.maintenanceRunning()).isFalse();
        assertThat(h.protocols()).doesNotContain(KadDht.PROTOCOL);
    }

    @Test
    void bootstrapShouldSurviveAnUnreachableBootstrapPeer() {
        Host ghost = new Host(HostConfig.loopback(NodeIdentity.generate()));
        ghost.start().join();
        Multiaddr dead = addr(ghost);
        ghost.stop().join();
        KadDht live = node(List.of());
        KadDht d = node(List.of(dead, addr(hosts.getFirst())));
        assertThat(d.bootstrap()).isEqualTo(1);
        // the live peer adds the newcomer when its side of the connection is up, which may follow bootstrap's return
        Waiter.waitFor(
                "the live bootstrap peer's routing table to hold the newcomer",
                Duration.ofSeconds(10),
                () -> live.routingTable().size() >= 1);
        assertThat(live.routingTable().size()).isEqualTo(1);
    }
}
