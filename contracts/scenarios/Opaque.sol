// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @notice A Compound-style comptroller written from the protocol's published interface: the admin lists markets,
/// sets their collateral factors and the price oracle. Its ABI is not among the project's contracts; the bundled
/// protocol index decodes it.
contract MiniComptroller {
    address public admin;
    address public oracle;
    mapping(address => bool) public isListed;
    mapping(address => uint256) public collateralFactorMantissa;

    event MarketListed(address cToken);
    event NewCollateralFactor(address cToken, uint256 oldCollateralFactorMantissa, uint256 newCollateralFactorMantissa);
    event NewPriceOracle(address oldPriceOracle, address newPriceOracle);

    constructor(address admin_, address oracle_) {
        admin = admin_;
        oracle = oracle_;
    }

    function _supportMarket(address cToken) external returns (uint256) {
        require(msg.sender == admin, "only admin");
        require(!isListed[cToken], "already listed");
        isListed[cToken] = true;
        emit MarketListed(cToken);
        return 0;
    }

    function _setCollateralFactor(address cToken, uint256 newCollateralFactorMantissa) external returns (uint256) {
        require(msg.sender == admin, "only admin");
        require(isListed[cToken], "market not listed");
        require(newCollateralFactorMantissa <= 0.9e18, "collateral factor above 90 %");
        emit NewCollateralFactor(cToken, collateralFactorMantissa[cToken], newCollateralFactorMantissa);
        collateralFactorMantissa[cToken] = newCollateralFactorMantissa;
        return 0;
    }
}

/// @notice A rewards controller whose functions no published ABI has: calls to it decode only from its bytecode.
contract EmissionController is Ownable {
    uint256 public emissionPerBlock;
    uint256 public emissionEnd;

    constructor(address owner_, uint256 emission) Ownable(owner_) {
        emissionPerBlock = emission;
    }

    function tuneEmissionSchedule(uint256 perBlock, uint256 endBlock) external onlyOwner {
        emissionPerBlock = perBlock;
        emissionEnd = endBlock;
    }

    /// @notice Looks like a parameter change; also hands the controller to `operator`.
    function tuneEmissionWithOperator(uint256 perBlock, address operator) external onlyOwner {
        emissionPerBlock = perBlock;
        _transferOwnership(operator);
    }
}

/// @notice A plain ERC-721 collection, to tell its approve(to, tokenId) from ERC-20's approve(spender, value).
contract ScenarioCollectible is ERC721 {
    constructor(address holder) ERC721("Scenario Collectible", "SCOL") {
        _mint(holder, 1);
    }
}

/// @notice A DAO-owned reward token whose epoch settlement no published ABI has; settling can also mint to a sink.
contract EpochRewardToken is ERC20, Ownable {
    uint256 public settledEpoch;

    constructor(address owner_, uint256 supply) ERC20("Epoch Reward", "EPR") Ownable(owner_) {
        _mint(owner_, supply);
    }

    function settleEpoch(uint256 epoch, address sink, uint256 amount) external onlyOwner {
        require(epoch > settledEpoch, "epoch settled");
        settledEpoch = epoch;
        _mint(sink, amount);
    }
}
