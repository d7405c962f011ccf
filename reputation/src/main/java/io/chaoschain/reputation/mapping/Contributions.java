package io.chaoschain.reputation.mapping;

import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.scoring.ScoringKind;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The one place where an attested contribution kind ({@link ContributionKind}, stored as codes such as
 * {@code metric.outcome}) becomes a scoring kind ({@link ScoringKind}). The node's reputation service, its live
 * recorder and a rebuild from attestation files all go through here.
 *
 * <table>
 *   <caption>attestation kind to scoring kind</caption>
 *   <tr><th>attestation code</th><th>scoring kind</th></tr>
 *   <tr><td>proposal.drafted / simulated / submitted</td><td>DRAFTED / SIMULATED / SUBMITTED</td></tr>
 *   <tr><td>proposal.accepted / defeated / executed</td><td>ACCEPTED / DEFEATED / EXECUTED</td></tr>
 *   <tr><td>metric.outcome, value &gt; 0</td><td>OUTCOME_IMPROVED</td></tr>
 *   <tr><td>metric.outcome, value &lt; 0</td><td>OUTCOME_WORSENED</td></tr>
 *   <tr><td>metric.outcome, value = 0</td><td>none (no measurable effect)</td></tr>
 *   <tr><td>insight.shared / insight.adopted</td><td>INSIGHT_SHARED / INSIGHT_ADOPTED</td></tr>
 *   <tr><td>validation.given</td><td>none (giving a validation scores once it is confirmed or contradicted)</td></tr>
 *   <tr><td>validation.confirmed / contradicted</td><td>VALIDATION_CONFIRMED / VALIDATION_CONTRADICTED</td></tr>
 * </table>
 *
 * <p>A {@code metric.outcome} value is the signed improvement of the target metric (positive: better), so the sign
 * carries improved / worsened.
 */
public final class Contributions {

    private Contributions() {}

    /** The scoring kind of {@code record}, or empty when it carries no score on its own. */
    public static Optional<ScoringKind> scoringKind(ContributionRecord record) {
        return scoringKind(record.kind(), record.value());
    }

    /** {@link #scoringKind(ContributionKind, BigInteger)} for a kind code as stored ({@code proposal.executed}). */
    public static Optional<ScoringKind> scoringKind(String kindCode, BigInteger value) {
        return scoringKind(ContributionKind.fromCode(kindCode), value);
    }

    /** The scoring kind of a contribution of {@code kind} with attested {@code value}. */
    public static Optional<ScoringKind> scoringKind(ContributionKind kind, BigInteger value) {
        return Optional.ofNullable(
                switch (kind) {
                    case PROPOSAL_DRAFTED -> ScoringKind.DRAFTED;
                    case PROPOSAL_SIMULATED -> ScoringKind.SIMULATED;
                    case PROPOSAL_SUBMITTED -> ScoringKind.SUBMITTED;
                    case PROPOSAL_ACCEPTED -> ScoringKind.ACCEPTED;
                    case PROPOSAL_DEFEATED -> ScoringKind.DEFEATED;
                    case PROPOSAL_EXECUTED -> ScoringKind.EXECUTED;
                    case METRIC_OUTCOME ->
                        switch (value.signum()) {
                            case 1 -> ScoringKind.OUTCOME_IMPROVED;
                            case -1 -> ScoringKind.OUTCOME_WORSENED;
                            default -> null;
                        };
                    case INSIGHT_SHARED -> ScoringKind.INSIGHT_SHARED;
                    case INSIGHT_ADOPTED -> ScoringKind.INSIGHT_ADOPTED;
                    case VALIDATION_GIVEN -> null;
                    case VALIDATION_CONFIRMED -> ScoringKind.VALIDATION_CONFIRMED;
                    case VALIDATION_CONTRADICTED -> ScoringKind.VALIDATION_CONTRADICTED;
                });
    }
}
