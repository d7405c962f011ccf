package io.chaoschain.p2p.discovery;

import io.chaoschain.p2p.PeerId;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A Kademlia routing table (kad-dht spec): 256 buckets of up to {@code k} peers by the XOR distance between the SHA-256
 * of peer-ID bytes; a full bucket keeps its oldest entries (they have proven longest-lived). Thread-safe.
 */
public final class RoutingTable {
    private final byte[] selfKey;
    private final int k;
    private final List<LinkedHashSet<PeerId>> buckets = new ArrayList<>();

    public RoutingTable(PeerId self, int k) {
        this.selfKey = key(self.bytes());
        this.k = k;
        for (int i = 0; i < 257; i++) {
            buckets.add(new LinkedHashSet<>());
        }
    }

    static byte[] key(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigInteger distance(byte[] a, byte[] b) {
        byte[] x = new byte[32];
        for (int i = 0; i < 32; i++) {
            x[i] = (byte) (a[i] ^ b[i]);
        }
        return new BigInteger(1, x);
    }

    private int bucketIndex(PeerId p) {
        return distance(selfKey, key(p.bytes())).bitLength();
    }

    /** Adds a peer; false when its bucket is full or it is this node. */
    public synchronized boolean add(PeerId p) {
        int i = bucketIndex(p);
        if (i == 0) {
            return false;
        }
        LinkedHashSet<PeerId> b = buckets.get(i);
        if (b.contains(p)) {
            return true;
        }
        if (b.size() >= k) {
            return false;
        }
        b.add(p);
        return true;
    }

    public synchronized void remove(PeerId p) {
        buckets.get(bucketIndex(p)).remove(p);
    }

    public synchronized int size() {
        return buckets.stream().mapToInt(LinkedHashSet::size).sum();
    }

    /** The {@code count} known peers closest to {@code target} (raw key bytes, hashed here). */
    public synchronized List<PeerId> closest(byte[] target, int count) {
        byte[] t = key(target);
        List<PeerId> all = new ArrayList<>();
        buckets.forEach(all::addAll);
        all.sort(Comparator.comparing(p -> distance(t, key(p.bytes()))));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }
}
