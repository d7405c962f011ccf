/**
 * Deterministic reputation scoring for governance agents: {@link io.chaoschain.reputation.scoring.ReputationEngine}
 * turns a {@link io.chaoschain.reputation.scoring.ReputationLog} into explainable
 * {@link io.chaoschain.reputation.scoring.ReputationScores}. Pure Java, no I/O, no clock reads.
 */
package io.chaoschain.reputation.scoring;
