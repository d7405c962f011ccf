package io.chaoschain.p2p.pubsub.internal;

import io.chaoschain.core.TimeProvider;
import io.chaoschain.p2p.pubsub.MessageId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Message IDs seen within the last {@code ttl}, to drop duplicates; expiry runs in insertion order. */
public final class SeenCache {
    private final long ttlMillis;
    private final TimeProvider time;
    private final LinkedHashMap<MessageId, Long> seen = new LinkedHashMap<>();

    public SeenCache(long ttlMillis, TimeProvider time) {
        this.ttlMillis = ttlMillis;
        this.time = time;
    }

    /** Records the ID; false if it was already there. */
    public boolean add(MessageId id) {
        expire();
        return seen.putIfAbsent(id, time.epochMillis() + ttlMillis) == null;
    }

    public boolean contains(MessageId id) {
        return seen.containsKey(id);
    }

    public void expire() {
        long now = time.epochMillis();
        for (Iterator<Map.Entry<MessageId, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() <= now) {
                it.remove();
            } else {
                break;
            }
        }
    }

    public int size() {
        return seen.size();
    }
}
