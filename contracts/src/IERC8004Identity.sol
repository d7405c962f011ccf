// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The part of an ERC-8004 identity registry (our AgentRegistry) that the reputation and validation
/// registries rely on. Both calls revert for an agent id that was never registered.
interface IERC8004Identity {
    function ownerOf(uint256 agentId) external view returns (address);

    /// @notice True when spender is the agent's owner, an operator for all the owner's tokens, or the approved address.
    function isAuthorizedOrOwner(address spender, uint256 agentId) external view returns (bool);
}
