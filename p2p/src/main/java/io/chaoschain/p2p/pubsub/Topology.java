package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.internal.PeerScore;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The gossipsub router's view of the network, shared by message handling ({@link GossipRouter}) and mesh maintenance
 * ({@link MeshMaintenance}): known peers and their topics, the mesh and fanout per topic, and GRAFT backoffs, with
 * the peer-selection and PRUNE-building helpers both sides use. Not thread-safe, like the router.
 */
final class Topology {
    record PeerState(boolean outbound, String ip, Set<String> topics) {}

    final Map<PeerId, PeerState> peers = new HashMap<>();
    /** Peers known to be subscribed, per topic. */
    final Map<String, Set<PeerId>> topics = new HashMap<>();
    /** Our mesh per subscribed topic; a key exists exactly for the topics we are subscribed to. */
    final Map<String, Set<PeerId>> mesh = new LinkedHashMap<>();

    final Map<String, Set<PeerId>> fanout = new HashMap<>();
    final Map<String, Long> lastPublished = new HashMap<>();
    final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();

    private final GossipsubParams params;
    private final PeerScore score;
    private final TimeProvider time;
    private final Random random;

    Topology(GossipsubParams params, PeerScore score, TimeProvider time, Random random) {
        this.params = params;
        this.score = score;
        this.time = time;
        this.random = random;
    }

    void addBackoff(PeerId peer, String topic, long millis) {
        long until = time.epochMillis() + millis;
        backoff.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, until, Math::max);
    }

    boolean backedOff(String topic, PeerId peer) {
        Long until = backoff.getOrDefault(topic, Map.of()).get(peer);
        return until != null && time.epochMillis() < until;
    }

    boolean isOutbound(PeerId p) {
        PeerState ps = peers.get(p);
        return ps != null && ps.outbound();
    }

    Rpc.Prune makePrune(PeerId to, String topic, boolean doPx, boolean unsubscribe) {
        long backoffMillis = unsubscribe
                ? params.unsubscribeBackoff().toMillis()
                : params.pruneBackoff().toMillis();
        List<byte[]> px = new ArrayList<>();
        if (doPx) {
            for (PeerId p : pick(
                    topics.getOrDefault(topic, Set.of()),
                    params.prunePeers(),
                    p -> !p.equals(to) && score.score(p) >= 0)) {
                px.add(p.bytes());
            }
        }
        return new Rpc.Prune(topic, px, backoffMillis / 1000);
    }

    /** Up to {@code count} peers passing {@code filter}, chosen by the seeded random source. */
    List<PeerId> pick(Collection<PeerId> from, int count, Predicate<PeerId> filter) {
        if (count <= 0) {
            return List.of();
        }
        List<PeerId> list = new ArrayList<>();
        for (PeerId p : from) {
            if (filter.test(p)) {
                list.add(p);
            }
        }
        list.sort(null); // deterministic order before the seeded shuffle
        Collections.shuffle(list, random);
        return list.size() <= count ? list : list.subList(0, count);
    }

    static Rpc.Control control(
            List<Rpc.IHave> ihave, List<Rpc.IWant> iwant, List<Rpc.Graft> graft, List<Rpc.Prune> prune) {
        return new Rpc.Control(ihave, iwant, graft, prune);
    }
}
