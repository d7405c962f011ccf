package io.chaoschain.reputation.service;

import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.time.Instant;

/** What scoring needs of a stored attestation (without its signed JSON), as streamed by the repository. */
public record ContributionFact(
        String uid, String agentId, Domain domain, String kind, BigInteger value, int valueDecimals, Instant at) {}
