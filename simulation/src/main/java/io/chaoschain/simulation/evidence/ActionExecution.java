package io.chaoschain.simulation.evidence;

import io.chaoschain.core.proposal.ProposalAction;

/**
 * One action as executed on the fork.
 *
 * @param index 0-based position in the proposal
 * @param action the call
 * @param decoded its calldata decoded (ABI of the target or, for proxies, its implementation)
 * @param executed false when an earlier action reverted, so this one never ran
 * @param success true when it executed without reverting
 * @param revertReason the decoded revert reason, or null
 * @param gasUsed gas used (0 when not executed)
 * @param txHash the fork transaction, or null when not executed
 * @param block the fork block it was mined in, or -1
 * @param trace its full call tree, or null when not executed
 */
public record ActionExecution(
        int index,
        ProposalAction action,
        DecodedCall decoded,
        boolean executed,
        boolean success,
        String revertReason,
        long gasUsed,
        String txHash,
        long block,
        CallFrame trace) {}
