// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

// Mango Markets, October 2022: MNGO was collateral priced by a thin, manipulable market; the attacker pumped the
// price and borrowed the protocol's liquidity against it. Here a proposal lists collateral priced by an oracle anyone
// can write to.

/// @notice A price feed anyone can set: the thin/writable oracle.
contract OpenPriceOracle {
    uint256 public price;

    constructor(uint256 price_) {
        price = price_;
    }

    function setPrice(uint256 price_) external {
        price = price_;
    }

    function latestAnswer() external view returns (int256) {
        return int256(price);
    }
}

/// @notice A price feed only its owner (the DAO) can set.
contract OwnedPriceOracle {
    address public owner;
    uint256 public price;

    constructor(address owner_, uint256 price_) {
        owner = owner_;
        price = price_;
    }

    function setPrice(uint256 price_) external {
        require(msg.sender == owner, "owner only");
        price = price_;
    }

    function latestAnswer() external view returns (int256) {
        return int256(price);
    }
}

/// @notice A multi-collateral registry owned by the DAO: which tokens count as collateral, priced by which oracle.
contract CollateralRegistry {
    struct Listing {
        address oracle;
        uint256 collateralFactor;
    }

    address public owner;
    mapping(address => Listing) public listings;

    event CollateralListed(address indexed token, address oracle, uint256 collateralFactor);

    constructor(address owner_) {
        owner = owner_;
    }

    function listCollateral(address token, address oracle, uint256 collateralFactor) external {
        require(msg.sender == owner, "owner only");
        listings[token] = Listing(oracle, collateralFactor);
        emit CollateralListed(token, oracle, collateralFactor);
    }
}
