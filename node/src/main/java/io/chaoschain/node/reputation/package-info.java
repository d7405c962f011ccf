/**
 * The node's reputation wiring: {@link io.chaoschain.node.reputation.ReputationFlow} turns a proposal's lifecycle
 * into signed contribution attestations, {@link io.chaoschain.node.reputation.FeedbackListener} feeds the ERC-8004
 * registry's confirmed feedback into the reputation service, {@link io.chaoschain.node.reputation.ReputationAnchor}
 * writes validations and feedback on chain, and {@link io.chaoschain.node.reputation.ReputationRebuild} rebuilds the
 * inputs from attestation files and chain events.
 */
package io.chaoschain.node.reputation;
