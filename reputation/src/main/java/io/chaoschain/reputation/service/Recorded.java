package io.chaoschain.reputation.service;

/**
 * What {@link ReputationService#record} did with an attestation.
 *
 * @param uid the attestation's UID
 * @param agentId the agent key it counts for
 * @param domain {@code chain/area} where it counts
 * @param kind the attested contribution kind code
 * @param stored false when the UID was already stored (nothing changed)
 */
public record Recorded(String uid, String agentId, String domain, String kind, boolean stored) {}
