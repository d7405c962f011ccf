package io.chaoschain.p2p.protocol;

import io.chaoschain.core.TimeProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key token buckets on the injected clock: {@code burst} tokens, refilled at {@code perSecond}. */
public final class RateLimiter<K> {
    private final double perSecond;
    private final double burst;
    private final TimeProvider time;
    private final Map<K, double[]> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, double burst, TimeProvider time) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = time;
    }

    /** Takes one token for {@code key}; false when its bucket is empty. */
    public boolean tryAcquire(K key) {
        long now = time.epochMillis();
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        synchronized (b) {
            b[0] = Math.min(burst, b[0] + (now - b[1]) / 1000.0 * perSecond);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                return true;
            }
            return false;
        }
    }

    public void forget(K key) {
        buckets.remove(key);
    }
}
