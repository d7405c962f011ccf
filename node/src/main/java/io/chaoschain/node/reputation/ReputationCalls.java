package io.chaoschain.node.reputation;

import io.chaoschain.core.Hex;

/** The ERC-8004 registry calls a node may send; the reputation transaction policy allows these and nothing else. */
public final class ReputationCalls {
    public static final String VALIDATION_REQUEST =
            Hex.functionSelector("validationRequest(address,uint256,string,bytes32)");
    public static final String VALIDATION_RESPONSE =
            Hex.functionSelector("validationResponse(bytes32,uint8,string,bytes32,string)");
    public static final String GIVE_FEEDBACK =
            Hex.functionSelector("giveFeedback(uint256,int128,uint8,string,string,string,string,bytes32)");

    private ReputationCalls() {}
}
