// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice Test double of Compound's GovernorBravo read interface: proposals(id) without the arrays, getActions(id),
/// timelock() and the ProposalCreated event, with signatures kept apart from calldata as Bravo does. No voting.
contract BravoStyleGovernor {
    struct Proposal {
        uint256 id;
        address proposer;
        uint256 eta;
        address[] targets;
        uint256[] values;
        string[] signatures;
        bytes[] calldatas;
        uint256 startBlock;
        uint256 endBlock;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        bool canceled;
        bool executed;
    }

    address public timelock;
    uint256 public proposalCount;
    mapping(uint256 => Proposal) public proposals;

    event ProposalCreated(
        uint256 id, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas,
        uint256 startBlock, uint256 endBlock, string description);

    constructor(address timelock_) {
        timelock = timelock_;
    }

    function propose(
        address[] memory targets,
        uint256[] memory values,
        string[] memory signatures,
        bytes[] memory calldatas,
        string memory description
    ) external returns (uint256 id) {
        id = ++proposalCount;
        Proposal storage p = proposals[id];
        p.id = id;
        p.proposer = msg.sender;
        p.targets = targets;
        p.values = values;
        p.signatures = signatures;
        p.calldatas = calldatas;
        p.startBlock = block.number + 1;
        p.endBlock = block.number + 100;
        emit ProposalCreated(id, msg.sender, targets, values, signatures, calldatas, p.startBlock, p.endBlock,
            description);
    }

    /// @notice Marks a proposal queued with an execution time, as Bravo's queue() does after a vote.
    function queue(uint256 id, uint256 eta) external {
        proposals[id].eta = eta;
    }

    function getActions(uint256 id)
        external
        view
        returns (address[] memory, uint256[] memory, string[] memory, bytes[] memory)
    {
        Proposal storage p = proposals[id];
        return (p.targets, p.values, p.signatures, p.calldatas);
    }
}
