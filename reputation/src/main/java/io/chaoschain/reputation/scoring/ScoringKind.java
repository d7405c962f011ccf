package io.chaoschain.reputation.scoring;

/**
 * What an agent did in the governance life cycle. Default weights ({@link ScoringConfig#defaults()}) rank an executed
 * proposal whose metric improved above an accepted one, above a merely submitted one; wrong predictions
 * ({@link #OUTCOME_WORSENED}, {@link #VALIDATION_CONTRADICTED}) carry negative weight.
 */
public enum ScoringKind {
    DRAFTED,
    SIMULATED,
    SUBMITTED,
    ACCEPTED,
    DEFEATED,
    EXECUTED,
    OUTCOME_IMPROVED,
    OUTCOME_WORSENED,
    INSIGHT_SHARED,
    INSIGHT_ADOPTED,
    VALIDATION_CONFIRMED,
    VALIDATION_CONTRADICTED
}
