package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.MessageId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Per-heartbeat IHAVE accounting (spam limits) and IWANT follow-up promises (gossipsub v1.1 "Spam Protection"): a
 * peer that advertises a message and then does not deliver it within the follow-up time breaks a promise, which the
 * router turns into a behavioural penalty.
 */
public final class GossipTracker {
    private final Map<PeerId, Integer> peerHave = new HashMap<>();
    private final Map<PeerId, Integer> iasked = new HashMap<>();
    private final Map<MessageId, Map<PeerId, Long>> promises = new HashMap<>();

    /** Counts one IHAVE from {@code peer}; false once it exceeded {@code max} this heartbeat. */
    public boolean acceptIHave(PeerId peer, int max) {
        return peerHave.merge(peer, 1, Integer::sum) <= max;
    }

    public int asked(PeerId peer) {
        return iasked.getOrDefault(peer, 0);
    }

    public void addAsked(PeerId peer, int n) {
        iasked.merge(peer, n, Integer::sum);
    }

    public void promise(MessageId id, PeerId peer, long expiresAt) {
        promises.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(peer, expiresAt);
    }

    /** The message arrived (with a valid signature): every promise for it is kept. */
    public void fulfilled(MessageId id) {
        promises.remove(id);
    }

    /** Removes promises that expired before {@code now}; returns how many each peer broke. */
    public Map<PeerId, Integer> expire(long now) {
        Map<PeerId, Integer> broken = new HashMap<>();
        for (Iterator<Map<PeerId, Long>> it = promises.values().iterator(); it.hasNext(); ) {
            Map<PeerId, Long> byPeer = it.next();
            for (Iterator<Map.Entry<PeerId, Long>> pit = byPeer.entrySet().iterator(); pit.hasNext(); ) {
                Map.Entry<PeerId, Long> e = pit.next();
                if (e.getValue() < now) {
                    broken.merge(e.getKey(), 1, Integer::sum);
                    pit.remove();
                }
            }
            if (byPeer.isEmpty()) {
                it.remove();
            }
        }
        return broken;
    }

    /** Resets the per-heartbeat IHAVE counters. */
    public void newHeartbeat() {
        peerHave.clear();
        iasked.clear();
    }

    public void removePeer(PeerId peer) {
        peerHave.remove(peer);
        iasked.remove(peer);
        promises.values().forEach(p -> p.remove(peer));
    }
}
