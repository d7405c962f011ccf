package io.chaoschain.p2p.pubsub;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.pubsub.Topology.PeerState;
import io.chaoschain.p2p.pubsub.internal.GossipTracker;
import io.chaoschain.p2p.pubsub.internal.MessageCache;
import io.chaoschain.p2p.pubsub.internal.PeerScore;
import io.chaoschain.p2p.pubsub.internal.Rpc;
import io.chaoschain.p2p.pubsub.internal.RpcSink;
import io.chaoschain.p2p.pubsub.internal.SeenCache;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The gossipsub v1.1 router state machine, free of I/O and threads: mesh maintenance with D/Dlo/Dhi/Dscore/Dout,
 * fanout, IHAVE/IWANT gossip with follow-up promises, GRAFT/PRUNE with backoff and peer exchange, flood publishing,
 * StrictSign signing and verification, validators, message and seen caches, and peer scoring with graylisting.
 * This class is the API and the handling of inbound RPCs (messages, subscriptions, IHAVE/IWANT/GRAFT/PRUNE); the
 * heartbeat (mesh and fanout maintenance, gossip emission) is {@link MeshMaintenance}, over the shared
 * {@link Topology}. Not thread-safe: the caller serialises all calls (the networked {@link Gossipsub} runs it on one thread; tests call
 * it directly with a stub clock).
 */
public final class GossipRouter {
    public static final String PROTOCOL_V11 = "/meshsub/1.1.0";
    public static final String PROTOCOL_V10 = "/meshsub/1.0.0";
    private static final int MAX_TOPICS_PER_PEER = 256;

    private final PrivateKey key;
    private final PeerId self;
    private final byte[] selfBytes;
    private final GossipsubParams params;
    private final PeerScoreThresholds thresholds;
    private final PeerScore score;
    private final TimeProvider time;
    private final Random random;
    private final RpcSink sink;
    private Consumer<List<PeerId>> peerExchange = ids -> {};

    private final Topology topology;
    private final MeshMaintenance maintenance;
    // the topology's collections under short names, shared with the heartbeat (MeshMaintenance)
    private final Map<PeerId, PeerState> peers;
    private final Map<String, Set<PeerId>> topics;
    private final Map<String, Set<PeerId>> mesh;
    private final Map<String, Set<PeerId>> fanout;
    private final Map<String, Long> lastPublished;
    private final Map<String, Map<PeerId, Long>> backoff;
    private final GossipTracker gossipTracker = new GossipTracker();
    private final Map<String, MessageHandler> handlers = new HashMap<>();
    private final Map<String, Validator> validators = new HashMap<>();
    private final MessageCache mcache;
    private final SeenCache seen;
    private long seqno;

    public GossipRouter(
            PrivateKey key,
            GossipsubParams params,
            PeerScoreParams scoreParams,
            PeerScoreThresholds thresholds,
            TimeProvider time,
            Random random,
            RpcSink sink) {
        this.key = key;
        this.self = PeerId.fromPublicKey(key.publicKey());
        this.selfBytes = self.bytes();
        this.params = params;
        this.thresholds = thresholds;
        this.score = new PeerScore(scoreParams, time);
        this.time = time;
        this.random = random;
        this.sink = sink;
        this.mcache = new MessageCache(params.mcacheLength(), params.mcacheGossip());
        this.seen = new SeenCache(params.seenTtl().toMillis(), time);
        this.seqno = time.epochMillis() * 1000;
        this.topology = new Topology(params, score, time, random);
        this.peers = topology.peers;
        this.topics = topology.topics;
        this.mesh = topology.mesh;
        this.fanout = topology.fanout;
        this.lastPublished = topology.lastPublished;
        this.backoff = topology.backoff;
        this.maintenance = new MeshMaintenance(
                topology, params, thresholds, score, gossipTracker, mcache, seen, time, random, sink);
    }

    /** Called with peer IDs offered through PX by a peer scoring above the accept-PX threshold. */
    public void onPeerExchange(Consumer<List<PeerId>> handler) {
        this.peerExchange = handler;
    }

    public PeerId self() {
        return self;
    }

    public GossipsubParams params() {
        return params;
    }

    // ---------------------------------------------------------------- peers

    public void addPeer(PeerId peer, boolean outbound, String ip) {
        if (peers.containsKey(peer)) {
            return;
        }
        peers.put(peer, new PeerState(outbound, ip, new HashSet<>()));
        score.addPeer(peer, ip);
        if (!mesh.isEmpty()) {
            sink.send(
                    peer,
                    Rpc.ofSubscriptions(mesh.keySet().stream()
                            .map(t -> new Rpc.SubOpts(true, t))
                            .toList()));
        }
    }

    public void removePeer(PeerId peer) {
        PeerState ps = peers.remove(peer);
        if (ps == null) {
            return;
        }
        for (String t : ps.topics()) {
            Set<PeerId> set = topics.get(t);
            if (set != null) {
                set.remove(peer);
            }
        }
        mesh.values().forEach(m -> m.remove(peer));
        fanout.values().forEach(f -> f.remove(peer));
        gossipTracker.removePeer(peer);
        score.removePeer(peer);
    }

    /** Adds a behavioural penalty (P7), e.g. for a malformed RPC. */
    public void penalize(PeerId peer, int count) {
        score.addPenalty(peer, count);
    }

    public Set<PeerId> peers() {
        return Set.copyOf(peers.keySet());
    }

    public double score(PeerId peer) {
        return score.score(peer);
    }

    /** Whether RPCs from {@code peer} are processed (its score is above the graylist threshold). */
    public boolean acceptsFrom(PeerId peer) {
        return score.score(peer) >= thresholds.graylistThreshold();
    }

    // ---------------------------------------------------------------- local API

    public void subscribe(String topic, MessageHandler handler) {
        handlers.put(topic, handler);
        if (mesh.containsKey(topic)) {
            return;
        }
        for (PeerId p : peers.keySet()) {
            sink.send(p, Rpc.ofSubscriptions(List.of(new Rpc.SubOpts(true, topic))));
        }
        maintenance.join(topic);
    }

    public void unsubscribe(String topic) {
        handlers.remove(topic);
        if (!mesh.containsKey(topic)) {
            return;
        }
        for (PeerId p : peers.keySet()) {
            sink.send(p, Rpc.ofSubscriptions(List.of(new Rpc.SubOpts(false, topic))));
        }
        Set<PeerId> m = mesh.remove(topic);
        for (PeerId p : m) {
            score.prune(p, topic);
            topology.addBackoff(p, topic, params.unsubscribeBackoff().toMillis());
            sink.send(
                    p,
                    Rpc.ofControl(Topology.control(
                            List.of(), List.of(), List.of(), List.of(topology.makePrune(p, topic, false, true)))));
        }
    }

    public void addValidator(String topic, Validator validator) {
        validators.put(topic, validator);
    }

    public Set<String> subscriptions() {
        return Set.copyOf(mesh.keySet());
    }

    /** Signs and publishes; returns the message ID and how many peers it was sent to. */
    public PublishResult publish(String topic, byte[] data) {
        byte[] seq = ByteBuffer.allocate(8).putLong(++seqno).array();
        PubsubMessage unsigned = new PubsubMessage(selfBytes, data, seq, topic, null, null);
        PubsubMessage msg = unsigned.withSignature(key.sign(unsigned.signedBytes()), null);
        if (msg.size() > params.maxMessageSize()) {
            throw new IllegalArgumentException(
                    "message of " + msg.size() + " bytes exceeds the " + params.maxMessageSize() + " byte limit");
        }
        MessageId id = msg.defaultId();
        seen.add(id);
        mcache.put(id, msg);
        Set<PeerId> to = new HashSet<>();
        Set<PeerId> topicPeers = topics.getOrDefault(topic, Set.of());
        if (params.floodPublish()) {
            for (PeerId p : topicPeers) {
                if (score.score(p) >= thresholds.publishThreshold()) {
                    to.add(p);
                }
            }
        } else if (mesh.containsKey(topic)) {
            to.addAll(mesh.get(topic));
        } else {
            Set<PeerId> f = fanout.computeIfAbsent(
                    topic,
                    t -> new HashSet<>(topology.pick(
                            topicPeers, params.d(), p -> score.score(p) >= thresholds.publishThreshold())));
            to.addAll(f);
        }
        if (!mesh.containsKey(topic)) {
            lastPublished.put(topic, time.epochMillis());
        }
        Rpc rpc = Rpc.ofMessages(List.of(msg));
        to.forEach(p -> sink.send(p, rpc));
        return new PublishResult(id, to.size());
    }

    /** Outcome of {@link #publish}. */
    public record PublishResult(MessageId id, int recipients) {}

    // ---------------------------------------------------------------- inbound RPC

    public void handleRpc(PeerId from, Rpc rpc) {
        PeerState ps = peers.get(from);
        if (ps == null || !acceptsFrom(from)) {
            return;
        }
        for (Rpc.SubOpts s : rpc.subscriptions()) {
            handleSubscription(from, ps, s);
        }
        for (PubsubMessage m : rpc.publish()) {
            handleMessage(from, m);
        }
        if (rpc.control() != null) {
            handleControl(from, rpc.control());
        }
    }

    private void handleSubscription(PeerId from, PeerState ps, Rpc.SubOpts s) {
        if (s.subscribe()) {
            if (ps.topics().size() >= MAX_TOPICS_PER_PEER && !ps.topics().contains(s.topic())) {
                score.addPenalty(from, 1);
                return;
            }
            ps.topics().add(s.topic());
            topics.computeIfAbsent(s.topic(), t -> new HashSet<>()).add(from);
        } else {
            ps.topics().remove(s.topic());
            Set<PeerId> set = topics.get(s.topic());
            if (set != null) {
                set.remove(from);
                if (set.isEmpty()) {
                    topics.remove(s.topic());
                }
            }
            Set<PeerId> m = mesh.get(s.topic());
            if (m != null && m.remove(from)) {
                score.prune(from, s.topic());
            }
            Set<PeerId> f = fanout.get(s.topic());
            if (f != null) {
                f.remove(from);
            }
        }
    }

    private void handleMessage(PeerId from, PubsubMessage msg) {
        if (!mesh.containsKey(msg.topic())) {
            return; // not subscribed: not ours to deliver or relay
        }
        if (msg.size() > params.maxMessageSize()) {
            score.rejectInvalid(from, msg.topic());
            return;
        }
        MessageId id = msg.defaultId();
        if (!seen.add(id)) {
            score.duplicate(from, id, msg.topic());
            return;
        }
        if (!msg.verifyStrictSignature()) {
            score.rejectInvalid(from, msg.topic()); // a forged copy does not fulfil any IWANT promise either
            return;
        }
        gossipTracker.fulfilled(id);
        PeerId publisher = PeerId.fromBytes(msg.from());
        if (publisher.equals(self)) {
            return; // our own message looping back
        }
        Validator v = validators.get(msg.topic());
        ValidationResult verdict;
        try {
            verdict = v == null ? ValidationResult.ACCEPT : v.validate(from, msg);
        } catch (RuntimeException e) {
            verdict = ValidationResult.REJECT;
        }
        switch (verdict) {
            case REJECT -> score.reject(from, id, msg.topic(), false);
            case IGNORE -> score.reject(from, id, msg.topic(), true);
            case ACCEPT -> {
                score.deliver(from, id, msg.topic());
                mcache.put(id, msg);
                MessageHandler h = handlers.get(msg.topic());
                if (h != null) {
                    h.onMessage(msg);
                }
                forward(from, publisher, msg);
            }
        }
    }

    private void forward(PeerId from, PeerId publisher, PubsubMessage msg) {
        Rpc rpc = Rpc.ofMessages(List.of(msg));
        for (PeerId p : mesh.getOrDefault(msg.topic(), Set.of())) {
            if (!p.equals(from) && !p.equals(publisher)) {
                sink.send(p, rpc);
            }
        }
    }

    private void handleControl(PeerId from, Rpc.Control c) {
        List<MessageId> iwant = handleIHave(from, c.ihave());
        List<PubsubMessage> answers = handleIWant(from, c.iwant());
        List<Rpc.Prune> prunes = handleGraft(from, c.graft());
        handlePrune(from, c.prune());
        if (!answers.isEmpty()) {
            sink.send(from, Rpc.ofMessages(answers));
        }
        if (!iwant.isEmpty() || !prunes.isEmpty()) {
            List<Rpc.IWant> w = iwant.isEmpty() ? List.of() : List.of(new Rpc.IWant(iwant));
            sink.send(from, Rpc.ofControl(Topology.control(List.of(), w, List.of(), prunes)));
        }
    }

    private List<MessageId> handleIHave(PeerId from, List<Rpc.IHave> ihaves) {
        if (ihaves.isEmpty() || score.score(from) < thresholds.gossipThreshold()) {
            return List.of();
        }
        if (!gossipTracker.acceptIHave(from, params.maxIHaveMessages())) {
            return List.of();
        }
        int asked = gossipTracker.asked(from);
        if (asked >= params.maxIHaveLength()) {
            return List.of();
        }
        Set<MessageId> want = new LinkedHashSet<>();
        for (Rpc.IHave ih : ihaves) {
            if (!mesh.containsKey(ih.topic())) {
                continue;
            }
            for (MessageId id : ih.messageIds()) {
                if (!seen.contains(id)) {
                    want.add(id);
                }
            }
        }
        if (want.isEmpty()) {
            return List.of();
        }
        List<MessageId> list = new ArrayList<>(want);
        Collections.shuffle(list, random);
        int n = Math.min(list.size(), params.maxIHaveLength() - asked);
        list = new ArrayList<>(list.subList(0, n));
        gossipTracker.addAsked(from, n);
        // promise tracking: the peer must deliver one (random) of these within the follow-up time
        MessageId tracked = list.get(random.nextInt(list.size()));
        gossipTracker.promise(
                tracked, from, time.epochMillis() + params.iwantFollowupTime().toMillis());
        return list;
    }

    private List<PubsubMessage> handleIWant(PeerId from, List<Rpc.IWant> iwants) {
        if (iwants.isEmpty() || score.score(from) < thresholds.gossipThreshold()) {
            return List.of();
        }
        List<PubsubMessage> out = new ArrayList<>();
        int[] count = new int[1];
        for (Rpc.IWant w : iwants) {
            for (MessageId id : w.messageIds()) {
                PubsubMessage m = mcache.getForPeer(id, from, count);
                if (m != null && count[0] <= params.gossipRetransmission()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private List<Rpc.Prune> handleGraft(PeerId from, List<Rpc.Graft> grafts) {
        List<Rpc.Prune> prunes = new ArrayList<>();
        boolean doPx = true;
        long now = time.epochMillis();
        List<String> rejected = new ArrayList<>();
        for (Rpc.Graft g : grafts) {
            Set<PeerId> m = mesh.get(g.topic());
            if (m == null) {
                doPx = false; // unknown topic: do not leak our peers
                continue;
            }
            if (m.contains(from)) {
                continue;
            }
            Long until = backoff.getOrDefault(g.topic(), Map.of()).get(from);
            if (until != null && now < until) {
                score.addPenalty(from, 1);
                long floodCutoff = until
                        + params.graftFloodThreshold().toMillis()
                        - params.pruneBackoff().toMillis();
                if (now < floodCutoff) {
                    score.addPenalty(from, 1);
                }
                doPx = false;
                topology.addBackoff(from, g.topic(), params.pruneBackoff().toMillis());
                rejected.add(g.topic());
                continue;
            }
            if (score.score(from) < 0) {
                doPx = false;
                topology.addBackoff(from, g.topic(), params.pruneBackoff().toMillis());
                rejected.add(g.topic());
                continue;
            }
            if (m.size() >= params.dHigh() && !peers.get(from).outbound()) {
                topology.addBackoff(from, g.topic(), params.pruneBackoff().toMillis());
                rejected.add(g.topic());
                continue;
            }
            m.add(from);
            score.graft(from, g.topic());
        }
        for (String t : rejected) {
            prunes.add(topology.makePrune(from, t, doPx, false));
        }
        return prunes;
    }

    private void handlePrune(PeerId from, List<Rpc.Prune> prunes) {
        for (Rpc.Prune p : prunes) {
            Set<PeerId> m = mesh.get(p.topic());
            if (m == null) {
                continue;
            }
            if (m.remove(from)) {
                score.prune(from, p.topic());
            }
            long backoffMillis = p.backoffSeconds() > 0
                    ? p.backoffSeconds() * 1000
                    : params.pruneBackoff().toMillis();
            topology.addBackoff(from, p.topic(), backoffMillis);
            if (!p.peers().isEmpty() && score.score(from) >= thresholds.acceptPxThreshold()) {
                List<PeerId> offered = new ArrayList<>();
                for (byte[] b : p.peers()) {
                    try {
                        PeerId id = PeerId.fromBytes(b);
                        if (!id.equals(self) && !peers.containsKey(id) && offered.size() < params.prunePeers()) {
                            offered.add(id);
                        }
                    } catch (MalformedMessageException ignored) {
                        // skip garbage entries
                    }
                }
                if (!offered.isEmpty()) {
                    peerExchange.accept(offered);
                }
            }
        }
    }

    // ---------------------------------------------------------------- heartbeat

    /** One heartbeat: mesh maintenance, fanout expiry, gossip emission, cache shift, score decay. */
    public void heartbeat() {
        maintenance.heartbeat();
    }

    // ---------------------------------------------------------------- introspection

    public Set<PeerId> mesh(String topic) {
        return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
    }

    public Set<PeerId> fanout(String topic) {
        return Set.copyOf(fanout.getOrDefault(topic, Set.of()));
    }

    public Set<PeerId> topicPeers(String topic) {
        return Set.copyOf(topics.getOrDefault(topic, Set.of()));
    }

    public boolean isBackedOff(String topic, PeerId peer) {
        return topology.backedOff(topic, peer);
    }

    public int cachedMessages() {
        return mcache.size();
    }
}
