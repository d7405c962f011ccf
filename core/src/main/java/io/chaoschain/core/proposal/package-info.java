/**
 * Governance proposals as every module sees them: a drafted {@link io.chaoschain.core.proposal.ProposalDraft} with
 * its {@link io.chaoschain.core.proposal.ProposalAction}s and stated {@link
 * io.chaoschain.core.proposal.ParameterChange}s, and the {@link io.chaoschain.core.proposal.ProposalState} lifecycle
 * a node tracks it through.
 */
package io.chaoschain.core.proposal;
