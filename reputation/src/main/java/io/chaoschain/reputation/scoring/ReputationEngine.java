package io.chaoschain.reputation.scoring;

import java.time.Instant;

/**
 * Turns a log of governance contributions and feedback into per-agent, per-domain reputation scores. Implementations
 * are pure functions of their configuration, the log and {@code asOf}: no clock reads, no I/O, and the same inputs give
 * identical scores whatever the order of the events in the log. Events after {@code asOf} are ignored, so an old
 * score can be replayed exactly.
 */
public interface ReputationEngine {

    ReputationScores score(ReputationLog log, Instant asOf);
}
