package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.internal.GossipTracker;
import io.chaoschain.p2p.pubsub.internal.MessageCache;
import io.chaoschain.p2p.pubsub.internal.PeerScore;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import io.chaoschain.p2p.pubsub.internal.RpcSink;
import io.chaoschain.p2p.pubsub.internal.SeenCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The gossipsub heartbeat half of the router: joining a topic's mesh, and once per heartbeat keeping every mesh
 * between Dlo and Dhi (score-aware pruning that keeps Dscore best and Dout outbound peers, opportunistic grafting),
 * expiring and refilling fanout, emitting IHAVE gossip, expiring IWANT promises, caches and backoffs, and decaying
 * scores. Works on the {@link Topology} it shares with {@link GossipRouter}; not thread-safe, like the router.
 */
final class MeshMaintenance {
    private final Topology topology;
    private final GossipsubParams params;
    private final PeerScoreThresholds thresholds;
    private final PeerScore score;
    private final GossipTracker gossipTracker;
    private final MessageCache mcache;
    private final SeenCache seen;
    private final TimeProvider time;
    private final Random random;
    private final RpcSink sink;
    private long ticks;

    MeshMaintenance(
            Topology topology,
            GossipsubParams params,
            PeerScoreThresholds thresholds,
            PeerScore score,
            GossipTracker gossipTracker,
            MessageCache mcache,
            SeenCache seen,
            TimeProvider time,
            Random random,
            RpcSink sink) {
        this.topology = topology;
        this.params = params;
        this.thresholds = thresholds;
        this.score = score;
        this.gossipTracker = gossipTracker;
        this.mcache = mcache;
        this.seen = seen;
        this.time = time;
        this.random = random;
        this.sink = sink;
    }

    /** Builds the mesh of a newly subscribed topic from its fanout, then from other topic peers, and GRAFTs them. */
    void join(String topic) {
        Set<PeerId> m = new HashSet<>();
        Set<PeerId> f = topology.fanout.remove(topic);
        topology.lastPublished.remove(topic);
        if (f != null) {
            for (PeerId p : f) {
                if (score.score(p) >= 0 && !topology.backedOff(topic, p) && m.size() < params.d()) {
                    m.add(p);
                }
            }
        }
        if (m.size() < params.d()) {
            m.addAll(topology.pick(
                    topology.topics.getOrDefault(topic, Set.of()),
                    params.d() - m.size(),
                    p -> !m.contains(p) && score.score(p) >= 0 && !topology.backedOff(topic, p)));
        }
        topology.mesh.put(topic, m);
        for (PeerId p : m) {
            score.graft(p, topic);
            sink.send(
                    p, Rpc.ofControl(Topology.control(List.of(), List.of(), List.of(new Rpc.Graft(topic)), List.of())));
        }
    }

    /** One heartbeat: mesh maintenance, fanout expiry, gossip emission, cache shift, score decay. */
    void heartbeat() {
        ticks++;
        long now = time.epochMillis();
        Map<PeerId, List<String>> toGraft = new HashMap<>();
        Map<PeerId, List<String>> toPrune = new HashMap<>();
        Map<PeerId, List<Rpc.IHave>> gossip = new HashMap<>();

        score.maybeDecay();
        gossipTracker.expire(now).forEach(score::addPenalty);
        gossipTracker.newHeartbeat();
        if (ticks % 15 == 0) {
            topology.backoff
                    .values()
                    .forEach(m -> m.values()
                            .removeIf(
                                    until -> until + params.heartbeatInterval().toMillis() * 2 < now));
            topology.backoff.values().removeIf(Map::isEmpty);
        }

        for (Map.Entry<String, Set<PeerId>> e : topology.mesh.entrySet()) {
            String topic = e.getKey();
            Set<PeerId> m = e.getValue();
            Map<PeerId, Double> scores = new HashMap<>();
            for (PeerId p : topology.topics.getOrDefault(topic, Set.of())) {
                scores.put(p, score.score(p));
            }
            for (Iterator<PeerId> it = m.iterator(); it.hasNext(); ) {
                PeerId p = it.next();
                if (scores.getOrDefault(p, score.score(p)) < 0) {
                    it.remove();
                    score.prune(p, topic);
                    topology.addBackoff(p, topic, params.pruneBackoff().toMillis());
                    toPrune.computeIfAbsent(p, k -> new ArrayList<>()).add(topic + "\u0000nopx");
                }
            }
            if (m.size() < params.dLow()) {
                for (PeerId p : topology.pick(
                        scores.keySet(),
                        params.d() - m.size(),
                        p -> !m.contains(p) && !topology.backedOff(topic, p) && scores.get(p) >= 0)) {
                    graftPeer(topic, m, p, toGraft);
                }
            }
            if (m.size() > params.dHigh()) {
                List<PeerId> list = new ArrayList<>(m);
                Collections.shuffle(list, random);
                list.sort(Comparator.comparingDouble((PeerId p) -> scores.getOrDefault(p, 0.0))
                        .reversed());
                List<PeerId> rest = new ArrayList<>(list.subList(params.dScore(), list.size()));
                Collections.shuffle(rest, random);
                for (int i = 0; i < rest.size(); i++) {
                    list.set(params.dScore() + i, rest.get(i));
                }
                bubbleUpOutbound(list);
                for (PeerId p : list.subList(params.d(), list.size())) {
                    m.remove(p);
                    score.prune(p, topic);
                    topology.addBackoff(p, topic, params.pruneBackoff().toMillis());
                    toPrune.computeIfAbsent(p, k -> new ArrayList<>()).add(topic);
                }
            }
            if (m.size() >= params.dLow()) {
                long outbound = m.stream().filter(topology::isOutbound).count();
                if (outbound < params.dOut()) {
                    for (PeerId p : topology.pick(
                            scores.keySet(),
                            (int) (params.dOut() - outbound),
                            p -> !m.contains(p)
                                    && !topology.backedOff(topic, p)
                                    && scores.get(p) >= 0
                                    && topology.isOutbound(p))) {
                        graftPeer(topic, m, p, toGraft);
                    }
                }
            }
            if (ticks % params.opportunisticGraftTicks() == 0 && m.size() > 1) {
                List<Double> sorted = m.stream()
                        .map(p -> scores.getOrDefault(p, 0.0))
                        .sorted()
                        .toList();
                double median = sorted.get(sorted.size() / 2);
                if (median < thresholds.opportunisticGraftThreshold()) {
                    for (PeerId p : topology.pick(
                            scores.keySet(),
                            params.opportunisticGraftPeers(),
                            p -> !m.contains(p) && !topology.backedOff(topic, p) && scores.get(p) > median)) {
                        graftPeer(topic, m, p, toGraft);
                    }
                }
            }
            emitGossip(topic, m, gossip);
        }

        for (Iterator<Map.Entry<String, Set<PeerId>>> it =
                        topology.fanout.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, Set<PeerId>> e = it.next();
            String topic = e.getKey();
            if (topology.lastPublished.getOrDefault(topic, 0L)
                            + params.fanoutTtl().toMillis()
                    < now) {
                it.remove();
                topology.lastPublished.remove(topic);
                continue;
            }
            Set<PeerId> f = e.getValue();
            Set<PeerId> tp = topology.topics.getOrDefault(topic, Set.of());
            f.removeIf(p -> !tp.contains(p) || score.score(p) < thresholds.publishThreshold());
            if (f.size() < params.d()) {
                f.addAll(topology.pick(
                        tp,
                        params.d() - f.size(),
                        p -> !f.contains(p) && score.score(p) >= thresholds.publishThreshold()));
            }
            emitGossip(topic, f, gossip);
        }

        sendHeartbeatControl(toGraft, toPrune, gossip);
        mcache.shift();
        seen.expire();
    }

    private void graftPeer(String topic, Set<PeerId> m, PeerId p, Map<PeerId, List<String>> toGraft) {
        m.add(p);
        score.graft(p, topic);
        toGraft.computeIfAbsent(p, k -> new ArrayList<>()).add(topic);
    }

    private void bubbleUpOutbound(List<PeerId> list) {
        int d = params.d();
        int outbound = 0;
        for (int i = 0; i < d; i++) {
            if (topology.isOutbound(list.get(i))) {
                outbound++;
            }
        }
        if (outbound >= params.dOut()) {
            return;
        }
        if (outbound > 0) {
            int have = outbound;
            for (int i = 1; i < d && have > 0; i++) {
                if (topology.isOutbound(list.get(i))) {
                    rotate(list, i);
                    have--;
                }
            }
        }
        int need = params.dOut() - outbound;
        for (int i = d; i < list.size() && need > 0; i++) {
            if (topology.isOutbound(list.get(i))) {
                rotate(list, i);
                need--;
            }
        }
    }

    private static void rotate(List<PeerId> list, int i) {
        PeerId p = list.remove(i);
        list.addFirst(p);
    }

    private void emitGossip(String topic, Set<PeerId> exclude, Map<PeerId, List<Rpc.IHave>> gossip) {
        List<MessageId> ids = mcache.gossipIds(topic);
        if (ids.isEmpty()) {
            return;
        }
        List<PeerId> candidates = new ArrayList<>();
        for (PeerId p : topology.topics.getOrDefault(topic, Set.of())) {
            if (!exclude.contains(p) && score.score(p) >= thresholds.gossipThreshold()) {
                candidates.add(p);
            }
        }
        int target = Math.max(params.dLazy(), (int) (params.gossipFactor() * candidates.size()));
        Collections.shuffle(candidates, random);
        for (PeerId p : candidates.subList(0, Math.min(target, candidates.size()))) {
            List<MessageId> send = ids;
            if (ids.size() > params.maxIHaveLength()) {
                send = new ArrayList<>(ids);
                Collections.shuffle(send, random);
                send = send.subList(0, params.maxIHaveLength());
            }
            gossip.computeIfAbsent(p, k -> new ArrayList<>()).add(new Rpc.IHave(topic, List.copyOf(send)));
        }
    }

    private void sendHeartbeatControl(
            Map<PeerId, List<String>> toGraft, Map<PeerId, List<String>> toPrune, Map<PeerId, List<Rpc.IHave>> gossip) {
        Set<PeerId> all = new HashSet<>(toGraft.keySet());
        all.addAll(toPrune.keySet());
        all.addAll(gossip.keySet());
        for (PeerId p : all) {
            if (!topology.peers.containsKey(p)) {
                continue;
            }
            List<Rpc.Graft> grafts = toGraft.getOrDefault(p, List.of()).stream()
                    .map(Rpc.Graft::new)
                    .toList();
            List<Rpc.Prune> prunes = new ArrayList<>();
            for (String t : toPrune.getOrDefault(p, List.of())) {
                boolean noPx = t.endsWith("\u0000nopx");
                prunes.add(topology.makePrune(p, noPx ? t.substring(0, t.length() - 5) : t, !noPx, false));
            }
            sink.send(p, Rpc.ofControl(Topology.control(gossip.getOrDefault(p, List.of()), List.of(), grafts, prunes)));
        }
    }
}
