// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @notice The part of an ERC-8004 identity registry the endpoint relies on.
interface IAgentIdentity {
    function ownerOf(uint256 agentId) external view returns (address);
    function getAgentWallet(uint256 agentId) external view returns (address);
}

/// @notice The door through which registered agents put proposals to the DAO's Governor. The endpoint itself is
/// the Governor's proposer: the DAO delegates enough voting power to it to meet the proposal threshold, and in
/// exchange every proposal is tied to an accountable agent (ERC-8004 identity) and to the hash of the simulation
/// report that proved it safe on a fork. The owner, the DAO's timelock, can revoke a misbehaving agent or pause
/// submissions altogether.
contract GovernanceEndpoint is Ownable, Pausable {
    IGovernor private immutable _governor;
    IAgentIdentity private immutable _registry;

    mapping(uint256 proposalId => uint256 agentId) private _agentOf;
    mapping(uint256 proposalId => bytes32 reportHash) private _reportHashOf;
    mapping(uint256 agentId => bool revoked) private _revoked;

    event ProposalSubmitted(
        uint256 indexed agentId,
        uint256 indexed proposalId,
        address indexed operator,
        bytes32 simulationReportHash,
        string description
    );
    event AgentRevoked(uint256 indexed agentId);
    event AgentReinstated(uint256 indexed agentId);

    error InvalidAddress(string name);
    error UnknownAgent(uint256 agentId);
    error NotAgentOperator(uint256 agentId, address caller);
    error AgentIsRevoked(uint256 agentId);
    error AgentNotRevoked(uint256 agentId);
    error EmptyReportHash();

    constructor(address governor_, address registry_, address owner_) Ownable(owner_) {
        if (governor_ == address(0)) revert InvalidAddress("governor");
        if (registry_ == address(0)) revert InvalidAddress("registry");
        _governor = IGovernor(governor_);
        _registry = IAgentIdentity(registry_);
    }

    /// @notice Proposes the actions to the Governor on behalf of an agent. The caller must be the agent's owner or
    /// its verified agent wallet (the operator key the agent runs with).
    /// @param simulationReportHash hash of the fork simulation report that backs the proposal; must not be zero
    function submitProposal(
        uint256 agentId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        bytes32 simulationReportHash
    ) external whenNotPaused returns (uint256 proposalId) {
        if (simulationReportHash == bytes32(0)) revert EmptyReportHash();
        if (_revoked[agentId]) revert AgentIsRevoked(agentId);
        _requireOperator(agentId);
        proposalId = _governor.propose(targets, values, calldatas, description);
        _agentOf[proposalId] = agentId;
        _reportHashOf[proposalId] = simulationReportHash;
        emit ProposalSubmitted(agentId, proposalId, msg.sender, simulationReportHash, description);
    }

    // ---------------------------------------------------------------- views

    /// @notice The agent that submitted the proposal, or 0 when it did not come through this endpoint.
    function agentOf(uint256 proposalId) external view returns (uint256) {
        return _agentOf[proposalId];
    }

    /// @notice The simulation report hash recorded with the proposal, or zero when unknown.
    function reportHashOf(uint256 proposalId) external view returns (bytes32) {
        return _reportHashOf[proposalId];
    }

    function isRevoked(uint256 agentId) external view returns (bool) {
        return _revoked[agentId];
    }

    function governor() external view returns (address) {
        return address(_governor);
    }

    function registry() external view returns (address) {
        return address(_registry);
    }

    // ---------------------------------------------------------------- DAO controls

    function revokeAgent(uint256 agentId) external onlyOwner {
        if (_revoked[agentId]) revert AgentIsRevoked(agentId);
        _revoked[agentId] = true;
        emit AgentRevoked(agentId);
    }

    function reinstateAgent(uint256 agentId) external onlyOwner {
        if (!_revoked[agentId]) revert AgentNotRevoked(agentId);
        _revoked[agentId] = false;
        emit AgentReinstated(agentId);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    // ---------------------------------------------------------------- internals

    function _requireOperator(uint256 agentId) private view {
        address owner;
        try _registry.ownerOf(agentId) returns (address o) {
            owner = o;
        } catch {
            revert UnknownAgent(agentId);
        }
        if (msg.sender == owner) return;
        if (msg.sender != _registry.getAgentWallet(agentId)) revert NotAgentOperator(agentId, msg.sender);
    }
}
