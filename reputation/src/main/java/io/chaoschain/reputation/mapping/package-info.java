/**
 * How attested contributions map onto scoring events: {@link io.chaoschain.reputation.mapping.Contributions} turns an
 * attested contribution kind (and the sign of its value) into the scoring engine's kind, for live recording and for
 * rebuilds from attestation files alike.
 */
package io.chaoschain.reputation.mapping;
