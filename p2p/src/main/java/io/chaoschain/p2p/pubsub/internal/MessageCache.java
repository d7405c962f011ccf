package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.p2p.PeerId;
import io.chaoschain.p2p.pubsub.MessageId;
import io.chaoschain.p2p.pubsub.PubsubMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gossipsub message cache (v1.0 "Message Cache"): {@code length} heartbeat windows of recent messages, the first
 * {@code gossip} of which are advertised in IHAVE; also counts IWANT requests per peer to limit retransmissions.
 */
public final class MessageCache {
    private record Entry(MessageId id, String topic) {}

    private final int gossip;
    private final ArrayDeque<List<Entry>> history = new ArrayDeque<>();
    private final Map<MessageId, PubsubMessage> messages = new HashMap<>();
    private final Map<MessageId, Map<PeerId, Integer>> requests = new HashMap<>();

    public MessageCache(int length, int gossip) {
        this.gossip = gossip;
        for (int i = 0; i < length; i++) {
            history.add(new ArrayList<>());
        }
    }

    public void put(MessageId id, PubsubMessage msg) {
        if (messages.putIfAbsent(id, msg) == null) {
            history.peekFirst().add(new Entry(id, msg.topic()));
        }
    }

    public PubsubMessage get(MessageId id) {
        return messages.get(id);
    }

    /** The message for an IWANT from {@code peer}, with how many times that peer asked for it (including now). */
    public PubsubMessage getForPeer(MessageId id, PeerId peer, int[] countOut) {
        PubsubMessage m = messages.get(id);
        if (m == null) {
            return null;
        }
        int n = requests.computeIfAbsent(id, k -> new HashMap<>()).merge(peer, 1, Integer::sum);
        countOut[0] = n;
        return m;
    }

    public List<MessageId> gossipIds(String topic) {
        List<MessageId> out = new ArrayList<>();
        int i = 0;
        for (List<Entry> window : history) {
            if (i++ >= gossip) {
                break;
            }
            for (Entry e : window) {
                if (e.topic.equals(topic)) {
                    out.add(e.id);
                }
            }
        }
        return out;
    }

    /** Moves to the next window, dropping the oldest. */
    public void shift() {
        List<Entry> last = history.pollLast();
        for (Entry e : last) {
            messages.remove(e.id);
            requests.remove(e.id);
        }
        history.addFirst(new ArrayList<>());
    }

    public int size() {
        return messages.size();
    }
}
