package io.chaoschain.reputation.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The default {@link ScoreCache} when no Redis is configured: one map per generation, in this process only. */
public final class InMemoryScoreCache implements ScoreCache {
    private record Generation(long number, ConcurrentMap<String, String> entries) {}

    private volatile Generation current = new Generation(0, new ConcurrentHashMap<>());

    @Override
    public Lookup get(String key) {
        Generation g = current;
        return new Lookup(g.number(), g.entries().get(key));
    }

    @Override
    public void put(long generation, String key, String json) {
        Generation g = current;
        if (g.number() == generation) {
            g.entries().put(key, json);
        }
    }

    @Override
    public synchronized long invalidate() {
        current = new Generation(current.number() + 1, new ConcurrentHashMap<>());
        return current.number();
    }

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void close() {
        invalidate();
    }
}
