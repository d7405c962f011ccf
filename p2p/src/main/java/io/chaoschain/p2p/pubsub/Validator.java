package io.chaoschain.p2p.pubsub;

import io.chaoschain.p2p.PeerId;

/** Decides whether a message (already signature-checked) is delivered and relayed. Must be fast and non-blocking. */
@FunctionalInterface
public interface Validator {
  ValidationResult validate(PeerId propagationSource, PubsubMessage message);
}
