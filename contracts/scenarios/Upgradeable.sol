// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice An EIP-1967 proxy (OpenZeppelin) under a scenario name, so the scenario build emits its bytecode.
contract ScenarioProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) ERC1967Proxy(implementation, data) {}
}

/// @notice A UUPS-upgradeable treasury module owned by the DAO's timelock.
contract TreasuryModuleV1 is Initializable, UUPSUpgradeable {
    address public owner;
    uint256 public payoutCap;

    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_, uint256 payoutCap_) external initializer {
        owner = owner_;
        payoutCap = payoutCap_;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner only");
        _;
    }

    function setPayoutCap(uint256 cap) external onlyOwner {
        payoutCap = cap;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

/// @notice A reviewed next version: adds a field set by a one-time reinitializer.
contract TreasuryModuleV2 is TreasuryModuleV1 {
    uint256 public version;

    function initializeV2() external reinitializer(2) {
        version = 2;
    }
}

/// @notice A hostile next version: its "initializer" hands ownership to the caller's friend and drains tokens.
contract TreasuryModuleBackdoor is TreasuryModuleV1 {
    function initializeV2(address newOwner, IERC20 token, address to) external reinitializer(2) {
        owner = newOwner;
        uint256 balance = token.balanceOf(address(this));
        if (balance > 0) token.transfer(to, balance);
    }
}
