// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// Audius, July 2022: the governance proxy kept its admin address in storage slot 0, the same slot the
// implementation's hand-written Initializable flags lived in. The admin address's bytes made the "initializing" flag
// read true, so initialize() could be called again by anyone, who then took over governance and its treasury.

/// @notice A proxy that stores its admin and implementation in ordinary slots 0 and 1 instead of EIP-1967 slots.
contract CollidingProxy {
    address private proxyAdmin; // slot 0: collides with the implementation's flags
    address private implementation; // slot 1

    constructor(address admin_, address implementation_) {
        proxyAdmin = admin_;
        implementation = implementation_;
    }

    function upgradeTo(address newImplementation) external {
        require(msg.sender == proxyAdmin, "admin only");
        implementation = newImplementation;
    }

    function upgradeToAndCall(address newImplementation, bytes calldata data) external {
        require(msg.sender == proxyAdmin, "admin only");
        implementation = newImplementation;
        (bool ok,) = newImplementation.delegatecall(data);
        require(ok, "init failed");
    }

    receive() external payable {}

    fallback() external payable {
        address impl = implementation;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}

/// @notice Governance logic with hand-written initializer flags in slot 0 (bytes 0 and 1).
contract CollidingGovernanceV1 {
    bool private initialized; // slot 0, byte 0
    bool private initializing; // slot 0, byte 1
    uint256[1] private gap; // slot 1: the proxy's implementation
    address public guardian; // slot 2
    uint256 public votingPeriod; // slot 3

    modifier initializer() {
        require(initializing || !initialized, "already initialized");
        bool top = !initializing;
        if (top) {
            initializing = true;
            initialized = true;
        }
        _;
        if (top) initializing = false;
    }

    function initialize(address guardian_) external virtual initializer {
        guardian = guardian_;
        votingPeriod = 100;
    }

    function setVotingPeriod(uint256 period) external {
        require(msg.sender == guardian, "guardian only");
        votingPeriod = period;
    }
}

/// @notice The next version, initialised through the same (colliding) flags.
contract CollidingGovernanceV2 is CollidingGovernanceV1 {
    function version() external pure returns (uint256) {
        return 2;
    }
}
