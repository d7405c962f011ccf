package io.chaoschain.reputation.service;

import io.chaoschain.core.Fields;
import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified, signed contribution attestation as the reputation repository keeps it: the columns scoring and queries
 * need, plus the full signed JSON so that anyone can verify it again later.
 *
 * @param uid the EAS off-chain UID (unique)
 * @param attester the address that signed it
 * @param recipient the attestation's recipient address
 * @param agentId the node's agent key the contribution counts for
 * @param schemaUid the EAS schema UID
 * @param attestedAt the attestation's time
 * @param kind the contribution kind code as attested (for example {@code proposal.executed})
 * @param domain where it counts
 * @param subject the attested subject (bytes32 hex)
 * @param value the attested signed value
 * @param valueDecimals decimals of {@code value}
 * @param signedJson the attestation as received (EAS off-chain JSON)
 */
public record AttestationEntry(
        String uid,
        String attester,
        String recipient,
        String agentId,
        String schemaUid,
        Instant attestedAt,
        String kind,
        Domain domain,
        String subject,
        BigInteger value,
        int valueDecimals,
        String signedJson) {

    public AttestationEntry {
        uid = Fields.hash32(Objects.requireNonNull(uid, "uid"), "uid");
        Fields.requireText(attester, "attester", 42);
        Fields.requireText(recipient, "recipient", 42);
        Fields.requireText(agentId, "agentId", 128);
        Fields.requireText(schemaUid, "schemaUid", 66);
        Objects.requireNonNull(attestedAt, "attestedAt");
        attestedAt = Fields.micros(attestedAt);
        Fields.requireText(kind, "kind", 64);
        Objects.requireNonNull(domain, "domain");
        Fields.requireText(domain.chain(), "domain chain", 64);
        Fields.requireText(domain.area(), "domain area", 64);
        Fields.requireText(subject, "subject", 66);
        Objects.requireNonNull(value, "value");
        Fields.requireText(signedJson, "signedJson", Integer.MAX_VALUE);
    }

    /** The part of this entry that scoring reads. */
    public ContributionFact fact() {
        return new ContributionFact(uid, agentId, domain, kind, value, valueDecimals, attestedAt);
    }
}
