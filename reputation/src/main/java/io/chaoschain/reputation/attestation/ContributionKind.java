package io.chaoschain.reputation.attestation;

import io.chaoschain.core.UserFacingException;

/** What an agent contributed; the {@link #code()} is the {@code kind} string stored in the attestation data. */
public enum ContributionKind {
    PROPOSAL_DRAFTED("proposal.drafted"),
    PROPOSAL_SIMULATED("proposal.simulated"),
    PROPOSAL_SUBMITTED("proposal.submitted"),
    PROPOSAL_ACCEPTED("proposal.accepted"),
    PROPOSAL_DEFEATED("proposal.defeated"),
    PROPOSAL_EXECUTED("proposal.executed"),
    /** A measured outcome of an executed change (value carries the metric). */
    METRIC_OUTCOME("metric.outcome"),
    INSIGHT_SHARED("insight.shared"),
    INSIGHT_ADOPTED("insight.adopted"),
    VALIDATION_GIVEN("validation.given"),
    VALIDATION_CONFIRMED("validation.confirmed"),
    VALIDATION_CONTRADICTED("validation.contradicted");

    private final String code;

    ContributionKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ContributionKind fromCode(String code) {
        for (ContributionKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new UserFacingException(
                "error: kind '" + code + "' is not a known contribution kind (e.g. proposal.drafted, metric.outcome)");
    }
}
