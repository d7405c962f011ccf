package io.chaoschain.node.p2p;

import io.chaoschain.core.Service;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.node.config.NodeConfig.P2pConfig;
import io.chaoschain.p2p.Connection;
import io.chaoschain.p2p.Host;
import io.chaoschain.p2p.HostConfig;
import io.chaoschain.p2p.Multiaddr;
import io.chaoschain.p2p.NodeIdentity;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.protocol.ChaosChainNetwork;
import io.chaoschain.p2p.protocol.ChaosMessage;
import io.chaoschain.p2p.protocol.SignedEnvelope;
import io.chaoschain.p2p.protocol.SimilarSolutions;
import io.chaoschain.p2p.pubsub.Gossipsub;
import io.chaoschain.p2p.pubsub.GossipsubParams;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.PeerScoreThresholds;
import io.chaoschain.p2p.pubsub.TopicScoreParams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * The node's libp2p network as one {@link Service}: host (TCP, Noise, yamux, identify, ping), gossipsub with peer
 * scoring on the ChaosChain topics, and {@link ChaosChainNetwork} on top. Bootstrap peers are dialled in the
 * background until connected, and re-dialled when a connection drops, so nodes may start in any order. Messages in and
 * out are counted in the node's meter registry ({@code chaoschain_p2p_messages_total{direction, kind}}).
 */
public final class P2pNetwork implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);

    /** A connected peer as the API shows it. */
    public record PeerView(String peerId, String address, boolean outbound, String agentVersion) {}

    private final P2pConfig config;
    private final Host host;
    private final Gossipsub gossipsub;
    private final ChaosChainNetwork network;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread dialer;

    public P2pNetwork(
            P2pConfig config,
            NodeIdentity identity,
            ECKeyPair agentKey,
            SimilarSolutions.Provider provider,
            MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.host = new Host(HostConfig.loopback(identity).withListenAddrs(List.of(Multiaddr.parse(config.listen()))));
        var topics = Map.of(
                ChaosMessage.INSIGHTS_TOPIC, TopicScoreParams.defaults(),
                ChaosMessage.PROPOSALS_TOPIC, TopicScoreParams.defaults(),
                ChaosMessage.ACKS_TOPIC, TopicScoreParams.defaults());
        this.gossipsub = new Gossipsub(
                host, GossipsubParams.defaults(), PeerScoreParams.defaults(topics), PeerScoreThresholds.defaults());
        this.network = new ChaosChainNetwork(
                host, gossipsub, agentKey, TimeProvider.system(), ChaosChainNetwork.Config.defaults(), query -> {
                    count("in", "similar-query");
                    return provider.findSimilar(query);
                });
        network.onMessage(r -> count("in", r.message().kind()));
    }

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public CompletableFuture<Void> start() {
        try {
            host.start().join();
            gossipsub.start().join();
            network.start().join();
        } catch (RuntimeException e) {
            host.stop();
            return CompletableFuture.failedFuture(new io.chaoschain.core.UserFacingException(
                    "error: the p2p network cannot" + " listen on " + config.listen() + " (" + rootMessage(e)
                            + "); change p2p.listen",
                    e));
        }
        running.set(true);
        LOG.info("p2p: peer {} listening on {}", host.peerId(), host.listenAddrs());
        if (!config.bootstrap().isEmpty()) {
            dialer = Thread.ofVirtual().name("p2p-bootstrap").start(this::keepBootstrapConnected);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        if (!running.compareAndSet(true, false)) {
            return CompletableFuture.completedFuture(null);
        }
        Thread d = dialer;
        if (d != null) {
            d.interrupt(); // only sleeps and socket connects: nothing here is harmed by an interrupt
            try {
                if (!d.join(java.time.Duration.ofSeconds(5))) {
                    LOG.warn("p2p: the bootstrap dialler did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        network.stop().join();
        gossipsub.stop().join();
        return host.stop();
    }

    /** Dials every bootstrap peer until connected, then checks now and then and re-dials those that dropped. */
    private void keepBootstrapConnected() {
        List<Multiaddr> peers =
                config.bootstrap().stream().map(Multiaddr::parse).toList();
        Map<Multiaddr, Boolean> reported = new ConcurrentHashMap<>();
        long pause = 100;
        while (running.get()) {
            boolean all = true;
            for (Multiaddr addr : peers) {
                PeerId id = addr.peerId().orElseThrow();
                if (host.connection(id).isPresent()) {
                    continue;
                }
                try {
                    host.connect(addr);
                    LOG.info("p2p: connected to bootstrap peer {}", addr);
                    reported.remove(addr);
                } catch (IOException e) {
                    all = false;
                    if (reported.putIfAbsent(addr, Boolean.TRUE) == null) {
                        LOG.info("p2p: bootstrap peer {} not reachable yet ({}); retrying", addr, e.getMessage());
                    }
                }
            }
            pause = all ? 2000 : Math.min(2000, pause * 2);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Signs and publishes {@code message}; returns the envelope sent. */
    public SignedEnvelope publish(ChaosMessage message) {
        SignedEnvelope env = network.publish(message);
        count("out", message.kind());
        return env;
    }

    public void onMessage(Consumer<ChaosChainNetwork.Received> listener) {
        network.onMessage(listener);
    }

    /** Asks every connected peer for solutions similar to {@code query}; peers that fail are skipped. */
    public List<Map.Entry<PeerId, SimilarSolutions.Solution>> querySimilar(SimilarSolutions.Query query) {
        List<Map.Entry<PeerId, SimilarSolutions.Solution>> out = new java.util.ArrayList<>();
        for (PeerId peer : host.connectedPeers()) {
            try {
                count("out", "similar-query");
                SimilarSolutions.Response r = network.querySimilar(peer, query);
                if (r.status() == SimilarSolutions.Status.OK) {
                    r.solutions().forEach(s -> out.add(Map.entry(peer, s)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("similar-solutions query to {} failed: {}", peer, e.toString());
            }
        }
        return out;
    }

    public PeerId peerId() {
        return host.peerId();
    }

    /** Where peers can reach this node, each ending in /p2p/ID. */
    public List<String> listenAddrs() {
        return host.listenAddrs().stream()
                .map(a -> a.withPeerId(host.peerId()).toString())
                .toList();
    }

    public List<PeerView> peers() {
        return host.connections().stream()
                .filter(Connection::isOpen)
                .map(c -> new PeerView(
                        c.remotePeer().toString(),
                        c.remoteAddress().toString(),
                        c.outbound(),
                        host.peerstore().agentVersion(c.remotePeer()).orElse(null)))
                .toList();
    }

    /** Validation verdicts given to gossip messages (ACCEPT, REJECT, IGNORE). */
    public Map<String, Long> verdicts() {
        return network.verdictCounts();
    }

    private void count(String direction, String kind) {
        counters.computeIfAbsent(
                        direction + "|" + kind,
                        k -> Counter.builder("chaoschain.p2p.messages")
                                .description(
                                        "ChaosChain p2p messages sent (out) and validated-and-delivered or served (in), by kind")
                                .tag("direction", direction)
                                .tag("kind", kind)
                                .register(registry))
                .increment();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
