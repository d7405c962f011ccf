// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Compound Proposal 289 ("Humpy", July 2024): the proposal moved 499k COMP from the treasury into a
/// "goldCOMP" vault controlled by the proposer's group, not by the DAO. This vault is owned by whoever deployed it.
contract ExternalVault {
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    function sweep(IERC20 token, address to) external {
        require(msg.sender == owner, "owner only");
        token.transfer(to, token.balanceOf(address(this)));
    }
}

/// @notice A staking vault whose delegation bookkeeping forgets to move weight away from the previous delegatee, so
/// re-delegating inflates the delegated total beyond the tokens it holds (the class of accounting bug behind
/// double-counted voting power).
contract LeakyDelegationVault {
    IERC20 public immutable token;
    mapping(address => uint256) public locked;
    mapping(address => address) public delegates;
    mapping(address => uint256) public delegatedVotes;
    uint256 public totalLocked;
    uint256 public totalDelegated;

    constructor(IERC20 token_) {
        token = token_;
    }

    function lock(uint256 amount) external {
        token.transferFrom(msg.sender, address(this), amount);
        locked[msg.sender] += amount;
        totalLocked += amount;
    }

    function delegate(address to) external {
        // the bug: the old delegatee keeps its weight
        delegates[msg.sender] = to;
        delegatedVotes[to] += locked[msg.sender];
        totalDelegated += locked[msg.sender];
    }

    function setParameter(uint256) external {}
}
