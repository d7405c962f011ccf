package io.chaoschain.node.runtime;

import io.chaoschain.core.Hex;

/** The governance calls a node's agents may send: the transaction policy allows these and nothing else. */
final class GovernanceCalls {
    static final String SUBMIT_PROPOSAL =
            Hex.functionSelector("submitProposal(uint256,address[],uint256[],bytes[],string,bytes32)");
    static final String QUEUE = Hex.functionSelector("queue(address[],uint256[],bytes[],bytes32)");
    static final String EXECUTE = Hex.functionSelector("execute(address[],uint256[],bytes[],bytes32)");

    private GovernanceCalls() {}
}
