package io.chaoschain.p2p.pubsub;

/** A topic validator's verdict (gossipsub v1.1 "Extended Validators"). */
public enum ValidationResult {
    /** Deliver and forward. */
    ACCEPT,
    /** Drop and penalise the peers that sent it (P4). */
    REJECT,
    /** Drop without penalty. */
    IGNORE
}
