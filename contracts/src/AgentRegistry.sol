// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721URIStorage} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721URIStorage.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @notice ERC-8004 ("Trustless Agents") Identity Registry, v1 interface: every agent is an ERC-721 token whose
/// tokenURI is the agent's registration file, with optional on-chain metadata and a verified agent wallet.
///
/// What this follows, from the ERC-8004 text and the erc-8004/erc-8004-contracts reference registry:
/// - functions register(string,MetadataEntry[]), register(string), register(), setAgentURI, getMetadata,
///   setMetadata, setAgentWallet(agentId,newWallet,deadline,signature), getAgentWallet, unsetAgentWallet and the
///   events Registered, URIUpdated and MetadataSet with the spec's signatures;
/// - "agentWallet" is a reserved metadata key: setMetadata and register(..., metadata) refuse it; it starts as the
///   owner's address, is stored as the 20 raw address bytes (abi.encodePacked), and is cleared when the token is
///   transferred, so the new owner must verify a wallet again;
/// - setAgentWallet needs an EIP-712 signature BY THE NEW WALLET (ECDSA for EOAs, ERC-1271 for contract wallets),
///   domain {name: "ERC8004IdentityRegistry", version: "1", chainId, verifyingContract: this registry}, primary type
///   AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline) where owner is the current
///   token owner, and a deadline that has not passed and lies at most 5 minutes ahead (there is no nonce, so the
///   short window bounds replay);
/// - only the owner, an operator approved for all of the owner's tokens, or the token's approved address may change
///   an agent's URI, metadata or wallet.
/// Departures that the interface does not fix: agent ids start at 1 (so 0 can mean "no agent" in contracts that
/// refer to agents), failures are custom errors rather than strings, and walletSetDigest exposes the EIP-712 digest.
contract AgentRegistry is ERC721URIStorage, EIP712 {
    struct MetadataEntry {
        string metadataKey;
        bytes metadataValue;
    }

    string public constant AGENT_WALLET_KEY = "agentWallet";
    bytes32 public constant AGENT_WALLET_SET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");
    uint256 public constant MAX_DEADLINE_DELAY = 5 minutes;
    bytes32 private constant AGENT_WALLET_KEY_HASH = keccak256(bytes(AGENT_WALLET_KEY));

    uint256 private _lastAgentId;
    mapping(uint256 agentId => mapping(string metadataKey => bytes metadataValue)) private _metadata;

    event Registered(uint256 indexed agentId, string agentURI, address indexed owner);
    event URIUpdated(uint256 indexed agentId, string newURI, address indexed updatedBy);
    event MetadataSet(
        uint256 indexed agentId, string indexed indexedMetadataKey, string metadataKey, bytes metadataValue
    );

    error NotAuthorized(uint256 agentId, address caller);
    error ReservedMetadataKey(string metadataKey);
    error InvalidWallet(address wallet);
    error SignatureExpired(uint256 deadline, uint256 blockTimestamp);
    error DeadlineTooFar(uint256 deadline, uint256 latestAllowed);
    error InvalidWalletSignature(address wallet);

    constructor() ERC721("AgentIdentity", "AGENT") EIP712("ERC8004IdentityRegistry", "1") {}

    // ---------------------------------------------------------------- registration

    function register(string memory agentURI, MetadataEntry[] memory metadata) external returns (uint256 agentId) {
        agentId = _register(agentURI);
        for (uint256 i; i < metadata.length; i++) {
            _requireNotReserved(metadata[i].metadataKey);
            _writeMetadata(agentId, metadata[i].metadataKey, metadata[i].metadataValue);
        }
    }

    function register(string memory agentURI) external returns (uint256 agentId) {
        agentId = _register(agentURI);
    }

    /// @notice Registers without a URI; set it later with setAgentURI.
    function register() external returns (uint256 agentId) {
        agentId = _register("");
    }

    function totalAgents() external view returns (uint256) {
        return _lastAgentId;
    }

    // ---------------------------------------------------------------- URI and metadata

    function setAgentURI(uint256 agentId, string calldata newURI) external {
        _requireAuthorized(agentId);
        _setTokenURI(agentId, newURI);
        emit URIUpdated(agentId, newURI, msg.sender);
    }

    function getMetadata(uint256 agentId, string memory metadataKey) external view returns (bytes memory) {
        return _metadata[agentId][metadataKey];
    }

    function setMetadata(uint256 agentId, string memory metadataKey, bytes memory metadataValue) external {
        _requireAuthorized(agentId);
        _requireNotReserved(metadataKey);
        _writeMetadata(agentId, metadataKey, metadataValue);
    }

    // ---------------------------------------------------------------- agent wallet

    /// @notice The agent's verified wallet, or address(0) when none is set (after unsetAgentWallet or a transfer).
    function getAgentWallet(uint256 agentId) public view returns (address) {
        _requireOwned(agentId);
        bytes memory stored = _metadata[agentId][AGENT_WALLET_KEY];
        return stored.length == 20 ? address(bytes20(stored)) : address(0);
    }

    /// @param signature EIP-712 signature of AgentWalletSet by newWallet (see the contract notes)
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature) external {
        address owner = _requireAuthorized(agentId);
        if (newWallet == address(0)) revert InvalidWallet(newWallet);
        if (block.timestamp > deadline) revert SignatureExpired(deadline, block.timestamp);
        if (deadline > block.timestamp + MAX_DEADLINE_DELAY) {
            revert DeadlineTooFar(deadline, block.timestamp + MAX_DEADLINE_DELAY);
        }
        bytes32 digest = walletSetDigest(agentId, newWallet, owner, deadline);
        // ECDSA recovery for EOAs, ERC-1271 isValidSignature for contract wallets
        if (!SignatureChecker.isValidSignatureNow(newWallet, digest, signature)) {
            revert InvalidWalletSignature(newWallet);
        }
        _writeMetadata(agentId, AGENT_WALLET_KEY, abi.encodePacked(newWallet));
    }

    function unsetAgentWallet(uint256 agentId) external {
        _requireAuthorized(agentId);
        _writeMetadata(agentId, AGENT_WALLET_KEY, "");
    }

    /// @notice The EIP-712 digest the new wallet signs for setAgentWallet; exposed so signers can check their encoding.
    function walletSetDigest(uint256 agentId, address newWallet, address owner, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(AGENT_WALLET_SET_TYPEHASH, agentId, newWallet, owner, deadline)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice True when spender may manage the agent: its owner, an operator for all the owner's tokens, or the
    /// token's approved address. Reverts for an unknown agent.
    function isAuthorizedOrOwner(address spender, uint256 agentId) external view returns (bool) {
        return _isAuthorized(_requireOwned(agentId), spender, agentId);
    }

    // ---------------------------------------------------------------- internals

    function _register(string memory agentURI) private returns (uint256 agentId) {
        agentId = ++_lastAgentId;
        _safeMint(msg.sender, agentId);
        if (bytes(agentURI).length > 0) _setTokenURI(agentId, agentURI);
        _writeMetadata(agentId, AGENT_WALLET_KEY, abi.encodePacked(msg.sender));
        emit Registered(agentId, agentURI, msg.sender);
    }

    /// @dev A transfer (not a mint) clears the verified wallet: it was proven for the previous owner.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0) && _metadata[tokenId][AGENT_WALLET_KEY].length != 0) {
            _writeMetadata(tokenId, AGENT_WALLET_KEY, "");
        }
        return super._update(to, tokenId, auth);
    }

    function _writeMetadata(uint256 agentId, string memory key, bytes memory value) private {
        _metadata[agentId][key] = value;
        emit MetadataSet(agentId, key, key, value);
    }

    function _requireAuthorized(uint256 agentId) private view returns (address owner) {
        owner = _requireOwned(agentId);
        if (!_isAuthorized(owner, msg.sender, agentId)) revert NotAuthorized(agentId, msg.sender);
    }

    function _requireNotReserved(string memory key) private pure {
        if (keccak256(bytes(key)) == AGENT_WALLET_KEY_HASH) revert ReservedMetadataKey(key);
    }
}
