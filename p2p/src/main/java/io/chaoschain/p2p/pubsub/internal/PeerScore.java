package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.MessageId;
import io.chaoschain.p2p.pubsub.PeerScoreParams;
import io.chaoschain.p2p.pubsub.TopicScoreParams;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gossipsub v1.1 peer scoring: per-topic counters P1-P4, application score P5, IP colocation P6 and behaviour
 * penalty P7, with periodic multiplicative decay and score retention after disconnect. Not thread-safe: owned by the
 * router thread. All times come from the injected clock.
 */
public final class PeerScore {
    private final PeerScoreParams params;
    private final TimeProvider time;
    private final Map<PeerId, PeerStats> peers = new HashMap<>();
    private final Map<String, Set<PeerId>> peerIps = new HashMap<>();
    private final Map<MessageId, DeliveryRecord> deliveries = new LinkedHashMap<>();
    private long lastDecay;

    private static final class TopicStats {
        boolean inMesh;
        long graftTime;
        long meshTime;
        double firstMessageDeliveries;
        double meshMessageDeliveries;
        boolean meshMessageDeliveriesActive;
        double meshFailurePenalty;
        double invalidMessageDeliveries;
    }

    private static final class PeerStats {
        boolean connected;
        long expire;
        final Map<String, TopicStats> topics = new HashMap<>();
        String ip;
        double behaviourPenalty;
    }

    private enum Status {
        VALID,
        INVALID,
        IGNORED
    }

    private static final class DeliveryRecord {
        Status status;
        long firstSeen;
        long expire;
        final Set<PeerId> peers = new HashSet<>();
    }

    public PeerScore(PeerScoreParams params, TimeProvider time) {
        this.params = params;
        this.time = time;
        this.lastDecay = time.epochMillis();
    }

    public PeerScoreParams params() {
        return params;
    }

    public double score(PeerId peer) {
        PeerStats ps = peers.get(peer);
        if (ps == null) {
            return 0;
        }
        double score = 0;
        for (Map.Entry<String, TopicStats> e : ps.topics.entrySet()) {
            TopicScoreParams tp = params.topics().get(e.getKey());
            if (tp == null) {
                continue;
            }
            TopicStats ts = e.getValue();
            double topicScore = 0;
            if (ts.inMesh) {
                double p1 = (double) ts.meshTime / tp.timeInMeshQuantum().toMillis();
                topicScore += Math.min(p1, tp.timeInMeshCap()) * tp.timeInMeshWeight();
            }
            topicScore += ts.firstMessageDeliveries * tp.firstMessageDeliveriesWeight();
            if (ts.meshMessageDeliveriesActive && ts.meshMessageDeliveries < tp.meshMessageDeliveriesThreshold()) {
                double deficit = tp.meshMessageDeliveriesThreshold() - ts.meshMessageDeliveries;
                topicScore += deficit * deficit * tp.meshMessageDeliveriesWeight();
            }
            topicScore += ts.meshFailurePenalty * tp.meshFailurePenaltyWeight();
            topicScore +=
                    ts.invalidMessageDeliveries * ts.invalidMessageDeliveries * tp.invalidMessageDeliveriesWeight();
            score += topicScore * tp.topicWeight();
        }
        if (params.topicScoreCap() > 0 && score > params.topicScoreCap()) {
            score = params.topicScoreCap();
        }
        score += params.appSpecificScore().applyAsDouble(peer) * params.appSpecificWeight();
        if (ps.ip != null) {
            int n = peerIps.getOrDefault(ps.ip, Set.of()).size();
            if (n > params.ipColocationFactorThreshold()) {
                double surplus = n - params.ipColocationFactorThreshold();
                score += surplus * surplus * params.ipColocationFactorWeight();
            }
        }
        if (ps.behaviourPenalty > params.behaviourPenaltyThreshold()) {
            double excess = ps.behaviourPenalty - params.behaviourPenaltyThreshold();
            score += excess * excess * params.behaviourPenaltyWeight();
        }
        return score;
    }

    public void addPeer(PeerId peer, String ip) {
        PeerStats ps = peers.computeIfAbsent(peer, p -> new PeerStats());
        ps.connected = true;
        ps.ip = ip;
        if (ip != null) {
            peerIps.computeIfAbsent(ip, k -> new HashSet<>()).add(peer);
        }
    }

    /** A disconnected peer keeps a non-positive score for {@code retainScore}, so it cannot reset it by reconnecting. */
    public void removePeer(PeerId peer) {
        PeerStats ps = peers.get(peer);
        if (ps == null) {
            return;
        }
        if (ps.ip != null) {
            Set<PeerId> set = peerIps.get(ps.ip);
            if (set != null) {
                set.remove(peer);
                if (set.isEmpty()) {
                    peerIps.remove(ps.ip);
                }
            }
        }
        if (score(peer) > 0) {
            peers.remove(peer);
            return;
        }
        for (Map.Entry<String, TopicStats> e : ps.topics.entrySet()) {
            TopicScoreParams tp = params.topics().get(e.getKey());
            TopicStats ts = e.getValue();
            if (tp != null
                    && ts.inMesh
                    && ts.meshMessageDeliveriesActive
                    && ts.meshMessageDeliveries < tp.meshMessageDeliveriesThreshold()) {
                double deficit = tp.meshMessageDeliveriesThreshold() - ts.meshMessageDeliveries;
                ts.meshFailurePenalty += deficit * deficit;
            }
            ts.inMesh = false;
        }
        ps.connected = false;
        ps.expire = time.epochMillis() + params.retainScore().toMillis();
    }

    private TopicStats topic(PeerId peer, String topic) {
        PeerStats ps = peers.get(peer);
        if (ps == null || !params.topics().containsKey(topic)) {
            return null;
        }
        return ps.topics.computeIfAbsent(topic, t -> new TopicStats());
    }

    public void graft(PeerId peer, String topic) {
        TopicStats ts = topic(peer, topic);
        if (ts != null) {
            ts.inMesh = true;
            ts.graftTime = time.epochMillis();
            ts.meshTime = 0;
            ts.meshMessageDeliveriesActive = false;
        }
    }

    public void prune(PeerId peer, String topic) {
        TopicStats ts = topic(peer, topic);
        if (ts == null) {
            return;
        }
        TopicScoreParams tp = params.topics().get(topic);
        if (ts.meshMessageDeliveriesActive && ts.meshMessageDeliveries < tp.meshMessageDeliveriesThreshold()) {
            double deficit = tp.meshMessageDeliveriesThreshold() - ts.meshMessageDeliveries;
            ts.meshFailurePenalty += deficit * deficit;
        }
        ts.inMesh = false;
    }

    public void addPenalty(PeerId peer, int count) {
        PeerStats ps = peers.get(peer);
        if (ps != null) {
            ps.behaviourPenalty += count;
        }
    }

    /** An invalid message from {@code peer} with no message ID to attribute it to (bad signature, malformed). */
    public void rejectInvalid(PeerId peer, String topic) {
        markInvalid(peer, topic);
    }

    /** A validator ACCEPTed a message first seen from {@code from}. */
    public void deliver(PeerId from, MessageId id, String topic) {
        DeliveryRecord r = record(id);
        r.status = Status.VALID;
        markFirstDelivery(from, topic);
        for (PeerId p : r.peers) {
            if (!p.equals(from)) {
                markDuplicateDelivery(p, topic, time.epochMillis());
            }
        }
    }

    /** A validator REJECTed (or IGNOREd, when {@code ignored}) a message. */
    public void reject(PeerId from, MessageId id, String topic, boolean ignored) {
        DeliveryRecord r = record(id);
        r.status = ignored ? Status.IGNORED : Status.INVALID;
        if (!ignored) {
            markInvalid(from, topic);
        }
    }

    /** {@code from} sent a message we had already seen. */
    public void duplicate(PeerId from, MessageId id, String topic) {
        DeliveryRecord r = deliveries.get(id);
        if (r == null || !r.peers.add(from)) {
            return;
        }
        switch (r.status) {
            case VALID -> markDuplicateDelivery(from, topic, r.firstSeen);
            case INVALID -> markInvalid(from, topic);
            case IGNORED -> {}
        }
    }

    private DeliveryRecord record(MessageId id) {
        return deliveries.computeIfAbsent(id, k -> {
            DeliveryRecord r = new DeliveryRecord();
            r.firstSeen = time.epochMillis();
            r.expire = r.firstSeen + 120_000;
            return r;
        });
    }

    private void markInvalid(PeerId peer, String topic) {
        TopicStats ts = topic(peer, topic);
        if (ts != null) {
            ts.invalidMessageDeliveries += 1;
        }
    }

    private void markFirstDelivery(PeerId peer, String topic) {
        TopicStats ts = topic(peer, topic);
        if (ts == null) {
            return;
        }
        TopicScoreParams tp = params.topics().get(topic);
        ts.firstMessageDeliveries = Math.min(ts.firstMessageDeliveries + 1, tp.firstMessageDeliveriesCap());
        if (ts.inMesh) {
            ts.meshMessageDeliveries = Math.min(ts.meshMessageDeliveries + 1, tp.meshMessageDeliveriesCap());
        }
    }

    private void markDuplicateDelivery(PeerId peer, String topic, long firstSeen) {
        TopicStats ts = topic(peer, topic);
        if (ts == null || !ts.inMesh) {
            return;
        }
        TopicScoreParams tp = params.topics().get(topic);
        // near-first deliveries count: the peer was forwarding in the mesh, just a little late
        if (time.epochMillis() - firstSeen <= tp.meshMessageDeliveriesWindow().toMillis()) {
            ts.meshMessageDeliveries = Math.min(ts.meshMessageDeliveries + 1, tp.meshMessageDeliveriesCap());
        }
    }

    /** Decays counters when a decay interval has passed; call from every heartbeat. */
    public void maybeDecay() {
        long now = time.epochMillis();
        long interval = params.decayInterval().toMillis();
        while (now - lastDecay >= interval) {
            lastDecay += interval;
            decay(now);
        }
        for (Iterator<DeliveryRecord> it = deliveries.values().iterator(); it.hasNext(); ) {
            if (it.next().expire < now) {
                it.remove();
            } else {
                break; // insertion order ~ expiry order
            }
        }
    }

    private void decay(long now) {
        double zero = params.decayToZero();
        for (Iterator<Map.Entry<PeerId, PeerStats>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            PeerStats ps = it.next().getValue();
            if (!ps.connected) {
                if (now > ps.expire) {
                    it.remove();
                }
                continue;
            }
            for (Map.Entry<String, TopicStats> e : ps.topics.entrySet()) {
                TopicScoreParams tp = params.topics().get(e.getKey());
                TopicStats ts = e.getValue();
                ts.firstMessageDeliveries = decayed(ts.firstMessageDeliveries, tp.firstMessageDeliveriesDecay(), zero);
                ts.meshMessageDeliveries = decayed(ts.meshMessageDeliveries, tp.meshMessageDeliveriesDecay(), zero);
                ts.meshFailurePenalty = decayed(ts.meshFailurePenalty, tp.meshFailurePenaltyDecay(), zero);
                ts.invalidMessageDeliveries =
                        decayed(ts.invalidMessageDeliveries, tp.invalidMessageDeliveriesDecay(), zero);
                if (ts.inMesh) {
                    ts.meshTime = now - ts.graftTime;
                    if (ts.meshTime > tp.meshMessageDeliveriesActivation().toMillis()) {
                        ts.meshMessageDeliveriesActive = true;
                    }
                }
            }
            ps.behaviourPenalty = decayed(ps.behaviourPenalty, params.behaviourPenaltyDecay(), zero);
        }
    }

    private static double decayed(double v, double factor, double zero) {
        double d = v * factor;
        return d < zero ? 0 : d;
    }
}
