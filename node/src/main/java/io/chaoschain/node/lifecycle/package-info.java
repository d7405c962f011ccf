/**
 * One agent's proposals from detection to outcome: {@link io.chaoschain.node.lifecycle.ProposalLifecycle} collects
 * metrics, lets the agent decide, then submits, follows the vote, queues, executes and measures, through the
 * chain's {@link io.chaoschain.node.lifecycle.GovernanceGateway}; {@link io.chaoschain.node.lifecycle.VoteRecorder}
 * records confirmed votes, and listeners and observers see its progress.
 */
package io.chaoschain.node.lifecycle;
