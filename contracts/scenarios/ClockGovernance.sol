// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

// Governors whose ERC-6372 clock counts seconds, as OpenZeppelin 5 lets any ERC20Votes token choose: proposal
// snapshots, deadlines and getPastVotes timepoints are timestamps, not block numbers.

/// @notice ERC20Votes with a timestamp clock (clock() = block.timestamp, CLOCK_MODE() = "mode=timestamp").
contract TimestampVotesToken is ERC20, ERC20Permit, ERC20Votes, Ownable {
    constructor(address owner_) ERC20("Clock Votes", "CLK") ERC20Permit("Clock Votes") Ownable(owner_) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner_) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner_);
    }
}

/// @notice A timelock for the clock governors (OpenZeppelin TimelockController as deployed).
contract ClockTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}

/// @notice OpenZeppelin 5 Governor over a timestamp-clock token: delays and periods are in seconds.
contract ClockGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    constructor(IVotes token_, TimelockController timelock_, uint48 votingDelay_, uint32 votingPeriod_)
        Governor("Clock Governor")
        GovernorSettings(votingDelay_, votingPeriod_, 0)
        GovernorVotes(token_)
        GovernorVotesQuorumFraction(4)
        GovernorTimelockControl(timelock_)
    {}

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}

/// @notice Beanstalk's flaw on a timestamp clock: the snapshot is a time, but votes count live balances and a
/// two-thirds majority executes at once. Emits OpenZeppelin's ProposalCreated/VoteCast events.
contract LiveClockGovernor {
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

    function clock() external view returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    function propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas,
        string memory description) external returns (uint256 id) {
        id = uint256(keccak256(abi.encode(targets, values, calldatas, keccak256(bytes(description)))));
        Proposal storage p = proposals[id];
        p.targets = targets;
        p.values = values;
        p.calldatas = calldatas;
        p.snapshot = block.timestamp;
        emit ProposalCreated(id, msg.sender, targets, values, new string[](targets.length), calldatas,
            block.timestamp, block.timestamp + 7 days, description);
    }

    function proposalSnapshot(uint256 id) external view returns (uint256) {
        return proposals[id].snapshot;
    }

    function proposalVotes(uint256 id) external view returns (uint256 against, uint256 forVotes, uint256 abstain) {
        return (0, proposals[id].forVotes, 0);
    }

    /// @dev the flaw: the weight is the voter's balance now, not its votes at the snapshot time
    function castVote(uint256 id, uint8 support) external returns (uint256 weight) {
        require(!hasVoted[id][msg.sender], "voted");
        hasVoted[id][msg.sender] = true;
        weight = token.balanceOf(msg.sender);
        if (support == 1) proposals[id].forVotes += weight;
        emit VoteCast(msg.sender, id, support, weight, "");
    }

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
}
