package io.chaoschain.reputation.service;

/** How many events the reputation repository holds. */
public record ReputationCounts(long attestations, long feedback, long revocations) {
    public long total() {
        return attestations + feedback + revocations;
    }
}
