// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @notice Pays rewards from a Merkle root of cumulative amounts, several tokens per root. A leaf is
/// keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount)))), the layout of OpenZeppelin's
/// StandardMerkleTree; a claim pays the account the difference between its cumulative amount and what it was already
/// paid, whoever sends the transaction.
///
/// Roots arrive per epoch. The publisher the owner (the DAO's timelock, also the guardian) appoints proposes an epoch's
/// root together with the hash of the epoch's report; the root stays pending through the challenge window, during
/// which the guardian can revoke it, and is then accepted by anyone. Every epoch has its own pending slot, so a later
/// epoch's proposal never resets or delays an earlier one still in its window; accepting an epoch makes every older
/// epoch obsolete, since its amounts are cumulative. The publisher signs (epoch, root, reportHash) as EIP-712 typed
/// data under this contract's domain (chain id and address), so the signed report of one distributor can never be
/// replayed on another chain or contract; with that signature anyone can relay the proposal.
contract RewardDistributor is Ownable, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    enum RootStatus {
        None,
        Pending,
        Accepted,
        Revoked
    }

    struct EpochRoot {
        bytes32 root;
        bytes32 reportHash;
        uint64 acceptableAt;
        RootStatus status;
    }

    bytes32 public constant EPOCH_ROOT_TYPEHASH =
        keccak256("EpochRoot(uint256 epoch,bytes32 root,bytes32 reportHash)");

    address public publisher;
    uint64 public challengeWindow;
    /// @notice The root claims are checked against, from the last accepted epoch (zero before the first).
    bytes32 public currentRoot;
    uint256 public currentEpoch;

    mapping(uint256 epoch => EpochRoot) private _epochs;
    /// @notice What each account was paid in total of each token.
    mapping(address account => mapping(address token => uint256 amount)) public claimed;

    event PublisherSet(address indexed publisher);
    event ChallengeWindowSet(uint64 challengeWindow);
    event RootProposed(uint256 indexed epoch, bytes32 root, bytes32 reportHash, uint64 acceptableAt);
    event RootRevoked(uint256 indexed epoch, bytes32 root);
    event RootAccepted(uint256 indexed epoch, bytes32 root);
    event Claimed(address indexed account, address indexed token, uint256 amount, uint256 cumulativeAmount);

    error InvalidAddress(string name);
    error NotPublisher(address caller);
    error InvalidPublisherSignature();
    error EmptyRoot();
    error EmptyReportHash();
    error EpochObsolete(uint256 epoch, uint256 currentEpoch);
    error RootAlreadyProposed(uint256 epoch, RootStatus status);
    error RootNotPending(uint256 epoch, RootStatus status);
    error ChallengeWindowOpen(uint256 epoch, uint64 acceptableAt);
    error ChallengeWindowOver(uint256 epoch, uint64 acceptableAt);
    error NoAcceptedRoot();
    error InvalidProof();
    error NothingToClaim(address account, address token, uint256 cumulativeAmount, uint256 alreadyClaimed);

    constructor(address owner_, address publisher_, uint64 challengeWindow_)
        Ownable(owner_)
        EIP712("ChaosChain RewardDistributor", "1")
    {
        if (publisher_ == address(0)) revert InvalidAddress("publisher");
        publisher = publisher_;
        challengeWindow = challengeWindow_;
        emit PublisherSet(publisher_);
        emit ChallengeWindowSet(challengeWindow_);
    }

    // ---------------------------------------------------------------- roots

    /// @notice Proposes the root of `epoch`; only the publisher.
    function proposeRoot(uint256 epoch, bytes32 root, bytes32 reportHash) external {
        if (msg.sender != publisher) revert NotPublisher(msg.sender);
        _propose(epoch, root, reportHash);
    }

    /// @notice Proposes the root of `epoch` with the publisher's EIP-712 signature of it; anyone can relay.
    function proposeRootWithSignature(uint256 epoch, bytes32 root, bytes32 reportHash, bytes calldata signature)
        external
    {
        if (!SignatureChecker.isValidSignatureNow(publisher, epochRootDigest(epoch, root, reportHash), signature)) {
            revert InvalidPublisherSignature();
        }
        _propose(epoch, root, reportHash);
    }

    /// @notice Revokes a root still in its challenge window; only the guardian. The publisher may propose anew.
    function revokeRoot(uint256 epoch) external onlyOwner {
        EpochRoot storage e = _epochs[epoch];
        if (e.status != RootStatus.Pending) revert RootNotPending(epoch, e.status);
        if (block.timestamp >= e.acceptableAt) revert ChallengeWindowOver(epoch, e.acceptableAt);
        e.status = RootStatus.Revoked;
        emit RootRevoked(epoch, e.root);
    }

    /// @notice Makes a pending root whose challenge window has passed the one claims are paid from; anyone.
    function acceptRoot(uint256 epoch) external {
        EpochRoot storage e = _epochs[epoch];
        if (e.status != RootStatus.Pending) revert RootNotPending(epoch, e.status);
        if (block.timestamp < e.acceptableAt) revert ChallengeWindowOpen(epoch, e.acceptableAt);
        if (epoch <= currentEpoch) revert EpochObsolete(epoch, currentEpoch);
        e.status = RootStatus.Accepted;
        currentRoot = e.root;
        currentEpoch = epoch;
        emit RootAccepted(epoch, e.root);
    }

    function _propose(uint256 epoch, bytes32 root, bytes32 reportHash) private {
        if (root == bytes32(0)) revert EmptyRoot();
        if (reportHash == bytes32(0)) revert EmptyReportHash();
        if (epoch <= currentEpoch) revert EpochObsolete(epoch, currentEpoch);
        EpochRoot storage e = _epochs[epoch];
        if (e.status == RootStatus.Pending || e.status == RootStatus.Accepted) {
            revert RootAlreadyProposed(epoch, e.status);
        }
        uint64 acceptableAt = uint64(block.timestamp) + challengeWindow;
        _epochs[epoch] = EpochRoot(root, reportHash, acceptableAt, RootStatus.Pending);
        emit RootProposed(epoch, root, reportHash, acceptableAt);
    }

    // ---------------------------------------------------------------- claims

    /// @notice Pays `account` what it has not yet been paid of `token` under the current root.
    /// @return paid the difference transferred
    function claim(address account, address token, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReentrant
        returns (uint256 paid)
    {
        bytes32 root = currentRoot;
        if (root == bytes32(0)) revert NoAcceptedRoot();
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert InvalidProof();
        uint256 already = claimed[account][token];
        if (cumulativeAmount <= already) revert NothingToClaim(account, token, cumulativeAmount, already);
        claimed[account][token] = cumulativeAmount;
        paid = cumulativeAmount - already;
        IERC20(token).safeTransfer(account, paid);
        emit Claimed(account, token, paid, cumulativeAmount);
    }

    // ---------------------------------------------------------------- guardian

    function setPublisher(address publisher_) external onlyOwner {
        if (publisher_ == address(0)) revert InvalidAddress("publisher");
        publisher = publisher_;
        emit PublisherSet(publisher_);
    }

    /// @notice Changes the window for roots proposed from now on; pending roots keep theirs.
    function setChallengeWindow(uint64 challengeWindow_) external onlyOwner {
        challengeWindow = challengeWindow_;
        emit ChallengeWindowSet(challengeWindow_);
    }

    // ---------------------------------------------------------------- views

    function epochRoot(uint256 epoch) external view returns (EpochRoot memory) {
        return _epochs[epoch];
    }

    /// @notice The EIP-712 digest the publisher signs for an epoch's root.
    function epochRootDigest(uint256 epoch, bytes32 root, bytes32 reportHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(EPOCH_ROOT_TYPEHASH, epoch, root, reportHash)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
