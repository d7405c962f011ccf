// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

interface IProposer {
    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) external returns (uint256);
}

/// @notice Proposes from its constructor, so the proposer account exists only from the proposal's own transaction
/// (as the Tornado Cash attacker's and other hostile proposers' throwaway contracts did).
contract ThrowawayProposer {
    uint256 public proposalId;

    constructor(IProposer governor, address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) {
        proposalId = governor.propose(targets, values, calldatas, description);
    }
}
