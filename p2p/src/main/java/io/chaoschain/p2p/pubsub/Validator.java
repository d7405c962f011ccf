package io.chaoschain.p2p.pubsub;

import io.chaoschain.p2p.PeerId;

/**
 * Decides whether a message (already signature-checked) is delivered and relayed. Runs on the router thread, because
 * the verdict decides what the router does next: it must be fast and non-blocking (hand slow work to the
 * {@link MessageHandler}, which runs on its own thread).
 */
@FunctionalInterface
public interface Validator {
    ValidationResult validate(PeerId propagationSource, PubsubMessage message);
}
