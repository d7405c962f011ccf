// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @notice A protocol module with role-based permissions (admin, guardian, minter of rewards).
contract GuardedModule is AccessControl {
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bool public paused;

    constructor(address admin, address minter) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, minter);
    }

    function pause() external onlyRole(GUARDIAN_ROLE) {
        paused = true;
    }
}

/// @notice A stand-in for a multisig wallet: its signers act together; who controls it is configuration.
contract SimpleMultisig {
    address[] public signers;

    constructor(address[] memory signers_) {
        signers = signers_;
    }
}
