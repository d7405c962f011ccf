// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

// Proposals whose descriptions are written in prose, as delegates write them: a Compound-style comptroller whose ABI
// no bundled package knows, a six-decimal stablecoin, and a grants module whose "payout" moves nothing.

/// @notice A six-decimal stablecoin, as USDC is.
contract ScenarioStablecoin is ERC20 {
    address private immutable minter;

    constructor() ERC20("USD Coin", "USDC") {
        minter = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == minter, "minter only");
        _mint(to, amount);
    }
}

/// @notice The part of a Compound v2 Comptroller a price-oracle switch touches.
contract ProseComptroller {
    address public admin;
    address public oracle;

    event NewPriceOracle(address oldPriceOracle, address newPriceOracle);

    constructor(address admin_, address oracle_) {
        admin = admin_;
        oracle = oracle_;
    }

    function _setPriceOracle(address newOracle) external returns (uint256) {
        require(msg.sender == admin, "admin only");
        emit NewPriceOracle(oracle, newOracle);
        oracle = newOracle;
        return 0;
    }
}

/// @notice A grants module whose payout only records a request: no token leaves anything.
contract GrantsModule {
    address public owner;
    uint256 public requests;

    event PayoutRequested(uint256 indexed request);

    constructor(address owner_) {
        owner = owner_;
    }

    function payout() external {
        require(msg.sender == owner, "owner only");
        requests += 1;
        emit PayoutRequested(requests);
    }
}
