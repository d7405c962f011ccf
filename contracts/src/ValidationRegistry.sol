// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC8004Identity} from "./IERC8004Identity.sol";

/// @notice ERC-8004 ("Trustless Agents") Validation Registry, v1 interface: an agent's owner asks a chosen validator
/// (a re-executing staker, a zkML verifier, a TEE oracle...) to check some work, and only that validator answers
/// with a score from 0 (failed) to 100 (passed).
///
/// What this follows, from the ERC-8004 text and the erc-8004/erc-8004-contracts reference (ValidationRegistry 2.0.0,
/// abis/ValidationRegistry.json):
/// - validationRequest(address validatorAddress, uint256 agentId, string requestURI, bytes32 requestHash) may be
///   called only by the agent's owner, an operator for all the owner's tokens or the token's approved address; the
///   validator must not be the zero address and a requestHash can be used once (it identifies the request);
/// - validationResponse(bytes32 requestHash, uint8 response, string responseURI, bytes32 responseHash, string tag)
///   may be called only by the validator named in the request, with response in 0..100; it may be called again for
///   the same request (progressive validation: the latest answer counts);
/// - views getIdentityRegistry, getValidationStatus(requestHash) -> (validatorAddress, agentId, response,
///   responseHash, tag, lastUpdate) which fails for an unknown request, getSummary(agentId, validatorAddresses, tag)
///   -> (uint64 count, uint8 averageResponse) over answered requests only (empty list = every validator, empty tag =
///   every tag, average rounded down), getAgentValidations(agentId) and getValidatorRequests(validatorAddress);
/// - events ValidationRequest and ValidationResponse as in the spec.
/// Departures that the interface does not fix: the identity registry is set once in the constructor (no proxy),
/// failures are custom errors rather than strings, and an unknown agent id fails with UnknownAgent.
contract ValidationRegistry {
    uint8 public constant MAX_RESPONSE = 100;

    struct ValidationStatus {
        address validatorAddress;
        uint8 response;
        bool hasResponse;
        uint256 agentId;
        bytes32 responseHash;
        string tag;
        uint256 lastUpdate;
    }

    IERC8004Identity private immutable _identity;

    mapping(bytes32 requestHash => ValidationStatus) private _validations;
    mapping(uint256 agentId => bytes32[] requestHashes) private _agentValidations;
    mapping(address validatorAddress => bytes32[] requestHashes) private _validatorRequests;

    event ValidationRequest(
        address indexed validatorAddress, uint256 indexed agentId, string requestURI, bytes32 indexed requestHash
    );
    event ValidationResponse(
        address indexed validatorAddress,
        uint256 indexed agentId,
        bytes32 indexed requestHash,
        uint8 response,
        string responseURI,
        bytes32 responseHash,
        string tag
    );

    error InvalidIdentityRegistry();
    error InvalidValidator();
    error UnknownAgent(uint256 agentId);
    error NotAuthorized(uint256 agentId, address caller);
    error RequestExists(bytes32 requestHash);
    error UnknownRequest(bytes32 requestHash);
    error NotValidator(bytes32 requestHash, address caller);
    error ResponseOutOfRange(uint8 response);

    constructor(address identityRegistry) {
        if (identityRegistry == address(0)) revert InvalidIdentityRegistry();
        _identity = IERC8004Identity(identityRegistry);
    }

    function getIdentityRegistry() external view returns (address) {
        return address(_identity);
    }

    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external {
        if (validatorAddress == address(0)) revert InvalidValidator();
        if (_validations[requestHash].validatorAddress != address(0)) revert RequestExists(requestHash);
        if (!_isAgentController(msg.sender, agentId)) revert NotAuthorized(agentId, msg.sender);

        ValidationStatus storage status = _validations[requestHash];
        status.validatorAddress = validatorAddress;
        status.agentId = agentId;
        status.lastUpdate = block.timestamp;
        _agentValidations[agentId].push(requestHash);
        _validatorRequests[validatorAddress].push(requestHash);
        emit ValidationRequest(validatorAddress, agentId, requestURI, requestHash);
    }

    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external {
        ValidationStatus storage status = _known(requestHash);
        if (msg.sender != status.validatorAddress) revert NotValidator(requestHash, msg.sender);
        if (response > MAX_RESPONSE) revert ResponseOutOfRange(response);
        status.response = response;
        status.hasResponse = true;
        status.responseHash = responseHash;
        status.tag = tag;
        status.lastUpdate = block.timestamp;
        emit ValidationResponse(
            status.validatorAddress, status.agentId, requestHash, response, responseURI, responseHash, tag
        );
    }

    /// @notice The request's state; response, responseHash and tag stay zero/empty until the validator answers.
    function getValidationStatus(bytes32 requestHash)
        external
        view
        returns (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        )
    {
        ValidationStatus storage s = _known(requestHash);
        return (s.validatorAddress, s.agentId, s.response, s.responseHash, s.tag, s.lastUpdate);
    }

    function getSummary(uint256 agentId, address[] calldata validatorAddresses, string calldata tag)
        external
        view
        returns (uint64 count, uint8 avgResponse)
    {
        bool anyTag = bytes(tag).length == 0;
        bytes32 tagHash = keccak256(bytes(tag));
        bytes32[] storage requests = _agentValidations[agentId];
        uint256 total;
        for (uint256 i; i < requests.length; i++) {
            ValidationStatus storage s = _validations[requests[i]];
            if (!s.hasResponse) continue;
            if (!anyTag && keccak256(bytes(s.tag)) != tagHash) continue;
            if (!_listed(s.validatorAddress, validatorAddresses)) continue;
            total += s.response;
            count++;
        }
        if (count > 0) avgResponse = uint8(total / count);
    }

    function getAgentValidations(uint256 agentId) external view returns (bytes32[] memory) {
        return _agentValidations[agentId];
    }

    function getValidatorRequests(address validatorAddress) external view returns (bytes32[] memory) {
        return _validatorRequests[validatorAddress];
    }

    function _known(bytes32 requestHash) private view returns (ValidationStatus storage status) {
        status = _validations[requestHash];
        if (status.validatorAddress == address(0)) revert UnknownRequest(requestHash);
    }

    function _isAgentController(address account, uint256 agentId) private view returns (bool) {
        try _identity.isAuthorizedOrOwner(account, agentId) returns (bool authorized) {
            return authorized;
        } catch {
            revert UnknownAgent(agentId);
        }
    }

    /// @dev An empty list admits every validator.
    function _listed(address validator, address[] calldata validators) private pure returns (bool) {
        if (validators.length == 0) return true;
        for (uint256 j; j < validators.length; j++) {
            if (validators[j] == validator) return true;
        }
        return false;
    }
}
