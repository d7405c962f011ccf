package io.chaoschain.agent.llm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drafts and refusals per model ({@code provider/model}): the hallucination rate is the share of drafts the number
 * guard refused. Shared by every LLM analyst of a node.
 */
public final class GuardStats {
    private final Map<String, Counts> byModel = new ConcurrentHashMap<>();

    /** Running counts for one model. */
    public static final class Counts {
        private final AtomicLong drafts = new AtomicLong();
        private final AtomicLong guardRefusals = new AtomicLong();
        private final AtomicLong simulationRefusals = new AtomicLong();
        private final AtomicLong finalized = new AtomicLong();

        public long drafts() {
            return drafts.get();
        }

        /** Drafts refused for an unsupported number, a calldata mismatch or a malformed draft. */
        public long guardRefusals() {
            return guardRefusals.get();
        }

        /** Drafts that passed the guard but whose simulation did not pass. */
        public long simulationRefusals() {
            return simulationRefusals.get();
        }

        public long finalized() {
            return finalized.get();
        }

        /** Guard refusals per draft, 0 before the first draft. */
        public double hallucinationRate() {
            long d = drafts.get();
            return d == 0 ? 0 : (double) guardRefusals.get() / d;
        }
    }

    Counts counts(String modelId) {
        return byModel.computeIfAbsent(modelId, k -> new Counts());
    }

    void draft(String modelId) {
        counts(modelId).drafts.incrementAndGet();
    }

    void guardRefused(String modelId) {
        counts(modelId).guardRefusals.incrementAndGet();
    }

    void simulationRefused(String modelId) {
        counts(modelId).simulationRefusals.incrementAndGet();
    }

    void finalized(String modelId) {
        counts(modelId).finalized.incrementAndGet();
    }

    /** A snapshot per model, sorted by model id. */
    public Map<String, Counts> snapshot() {
        return new TreeMap<>(byModel);
    }

    public Counts of(String modelId) {
        return counts(modelId);
    }
}
