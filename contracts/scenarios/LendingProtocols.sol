// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// A small Compound-style lending protocol: a Comptroller lists markets (cToken-like MarketTokens with a 1:1
// exchange rate), prices them through a replaceable price oracle, checks account liquidity on borrow and redeem, and
// pays supply rewards (compAccrued / claimComp) from its own reward-token balance. Incidents it reproduces:
// Compound Proposal 117 (an oracle change under which a listed market's price reverts), Compound Proposal 62 (a change
// to reward accounting that credits existing accounts far more than the distributor holds), collateral priced by a
// feed anyone can write, and collateral priced by a thin AMM spot price (Mango Markets).

/// @notice A token the protocol's setup mints: underlying assets and the reward token.
contract ProtocolToken is ERC20 {
    address public immutable minter;

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {
        minter = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == minter, "minter only");
        _mint(to, amount);
    }
}

interface IPriceOracle {
    /// @notice The price of one unit of the market's underlying, scaled by 1e18.
    function getUnderlyingPrice(address cToken) external view returns (uint256);
}

/// @notice Prices posted per market by the owner; an unposted market's price reverts.
contract SimplePriceOracle is IPriceOracle {
    address public owner;
    mapping(address => uint256) internal prices;

    event PricePosted(address indexed cToken, uint256 price);

    constructor(address owner_) {
        owner = owner_;
    }

    function setUnderlyingPrice(address cToken, uint256 price) external {
        require(msg.sender == owner, "owner only");
        prices[cToken] = price;
        emit PricePosted(cToken, price);
    }

    function transferOwnership(address newOwner) external {
        require(msg.sender == owner, "owner only");
        owner = newOwner;
    }

    function getUnderlyingPrice(address cToken) external view returns (uint256) {
        uint256 price = prices[cToken];
        require(price != 0, "price not set");
        return price;
    }
}

interface IAggregator {
    function decimals() external view returns (uint8);

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @notice Prices each market from its own Chainlink-style feed (8 decimals).
contract FeedPriceOracle is IPriceOracle {
    address public owner;
    mapping(address => address) public feeds;

    event FeedSet(address indexed cToken, address feed);

    constructor(address owner_) {
        owner = owner_;
    }

    function setFeed(address cToken, address feed) external {
        require(msg.sender == owner, "owner only");
        feeds[cToken] = feed;
        emit FeedSet(cToken, feed);
    }

    function transferOwnership(address newOwner) external {
        require(msg.sender == owner, "owner only");
        owner = newOwner;
    }

    function getUnderlyingPrice(address cToken) external view returns (uint256) {
        address feed = feeds[cToken];
        require(feed != address(0), "no feed");
        (, int256 answer,,,) = IAggregator(feed).latestRoundData();
        require(answer > 0, "bad answer");
        return uint256(answer) * 1e10;
    }
}

/// @notice A Chainlink-style feed its operator updates.
contract OperatedFeed is IAggregator {
    address public operator;
    int256 internal answer;
    uint80 internal round;
    uint256 internal updated;

    constructor(address operator_, int256 answer_) {
        operator = operator_;
        answer = answer_;
        round = 1;
        updated = block.timestamp;
    }

    function updateAnswer(int256 answer_) external {
        require(msg.sender == operator, "operator only");
        answer = answer_;
        round++;
        updated = block.timestamp;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (round, answer, updated, updated, round);
    }
}

/// @notice A Chainlink-style feed whose answer anyone may update: the writable source.
contract UnguardedFeed is IAggregator {
    int256 internal answer;
    uint80 internal round;
    uint256 internal updated;

    constructor(int256 answer_) {
        answer = answer_;
        round = 1;
        updated = block.timestamp;
    }

    function updateAnswer(int256 answer_) external {
        answer = answer_;
        round++;
        updated = block.timestamp;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (round, answer, updated, updated, round);
    }
}

/// @notice A constant-product pair's reserves: whoever donates and calls sync() moves its spot price.
contract SpotPair {
    address public immutable token0;
    address public immutable token1;
    uint112 internal reserve0;
    uint112 internal reserve1;
    uint32 internal lastUpdate;

    constructor(address token0_, address token1_) {
        token0 = token0_;
        token1 = token1_;
    }

    function sync() external {
        reserve0 = uint112(IERC20(token0).balanceOf(address(this)));
        reserve1 = uint112(IERC20(token1).balanceOf(address(this)));
        lastUpdate = uint32(block.timestamp);
    }

    function getReserves() external view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, lastUpdate);
    }
}

/// @notice A feed answering a pair's spot price of token0 in token1 (both 18 decimals), 8 decimals.
contract SpotPriceFeed is IAggregator {
    SpotPair public immutable pair;

    constructor(SpotPair pair_) {
        pair = pair_;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        (uint112 r0, uint112 r1, uint32 at) = pair.getReserves();
        require(r0 != 0, "empty pair");
        return (1, int256(uint256(r1) * 1e8 / uint256(r0)), at, at, 1);
    }
}

/// @notice The risk manager: listed markets, collateral factors, the price oracle, liquidity and supply rewards.
contract Comptroller {
    struct Market {
        bool isListed;
        uint256 collateralFactorMantissa;
    }

    address public admin;
    IPriceOracle public oracle;
    IERC20 internal immutable comp;
    address[] internal allMarkets;
    mapping(address => Market) public markets;

    uint256 public compSupplyIndex = 1e18;
    mapping(address => uint256) public compSupplierIndex;
    mapping(address => uint256) internal compAccruedStored;

    event MarketListed(address cToken);
    event NewCollateralFactor(address cToken, uint256 oldCollateralFactorMantissa, uint256 newCollateralFactorMantissa);
    event NewPriceOracle(address oldPriceOracle, address newPriceOracle);
    event NewCompSupplyIndex(uint256 oldIndex, uint256 newIndex);
    event CompClaimed(address indexed holder, uint256 amount);

    constructor(address admin_, IPriceOracle oracle_, IERC20 comp_) {
        admin = admin_;
        oracle = oracle_;
        comp = comp_;
    }

    modifier onlyAdmin() {
        require(msg.sender == admin, "admin only");
        _;
    }

    function _setAdmin(address newAdmin) external onlyAdmin {
        admin = newAdmin;
    }

    function _supportMarket(address cToken) external onlyAdmin returns (uint256) {
        require(!markets[cToken].isListed, "already listed");
        markets[cToken].isListed = true;
        allMarkets.push(cToken);
        emit MarketListed(cToken);
        return 0;
    }

    function _setCollateralFactor(address cToken, uint256 newCollateralFactorMantissa)
        external
        onlyAdmin
        returns (uint256)
    {
        require(markets[cToken].isListed, "market not listed");
        require(newCollateralFactorMantissa <= 0.9e18, "collateral factor above 90%");
        if (newCollateralFactorMantissa != 0) {
            require(oracle.getUnderlyingPrice(cToken) != 0, "no price");
        }
        uint256 old = markets[cToken].collateralFactorMantissa;
        markets[cToken].collateralFactorMantissa = newCollateralFactorMantissa;
        emit NewCollateralFactor(cToken, old, newCollateralFactorMantissa);
        return 0;
    }

    function _setPriceOracle(address newOracle) external onlyAdmin returns (uint256) {
        emit NewPriceOracle(address(oracle), newOracle);
        oracle = IPriceOracle(newOracle);
        return 0;
    }

    /// @notice Sets the reward index; each supplied token earns the index's increase since its holder's last update.
    function _setCompSupplyIndex(uint256 newIndex) external onlyAdmin {
        emit NewCompSupplyIndex(compSupplyIndex, newIndex);
        compSupplyIndex = newIndex;
    }

    function getAllMarkets() external view returns (address[] memory) {
        return allMarkets;
    }

    function getCompAddress() external view returns (address) {
        return address(comp);
    }

    // ---- rewards ----

    function compAccrued(address account) public view returns (uint256) {
        uint256 delta = compSupplyIndex - compSupplierIndex[account];
        return compAccruedStored[account] + supplied(account) * delta / 1e18;
    }

    /// @notice Settles an account's rewards before its supply changes (markets call it).
    function updateSupplier(address account) external {
        require(markets[msg.sender].isListed, "markets only");
        settle(account);
    }

    function claimComp(address holder) external {
        settle(holder);
        uint256 amount = compAccruedStored[holder];
        compAccruedStored[holder] = 0;
        require(comp.transfer(holder, amount), "reward transfer failed");
        emit CompClaimed(holder, amount);
    }

    function settle(address account) internal {
        compAccruedStored[account] = compAccrued(account);
        compSupplierIndex[account] = compSupplyIndex;
    }

    function supplied(address account) internal view returns (uint256 total) {
        for (uint256 i = 0; i < allMarkets.length; i++) {
            total += IERC20(allMarkets[i]).balanceOf(account);
        }
    }

    // ---- liquidity ----

    /// @return error always 0, liquidity the collateral value above borrows, shortfall the borrows above collateral
    function getAccountLiquidity(address account) public view returns (uint256, uint256, uint256) {
        return hypothetical(account, address(0), 0, 0);
    }

    function hypothetical(address account, address cToken, uint256 redeemTokens, uint256 borrowAmount)
        internal
        view
        returns (uint256, uint256, uint256)
    {
        uint256 collateral;
        uint256 debt;
        for (uint256 i = 0; i < allMarkets.length; i++) {
            address m = allMarkets[i];
            uint256 price = oracle.getUnderlyingPrice(m);
            uint256 balance = IERC20(m).balanceOf(account);
            uint256 borrowed = MarketToken(m).borrowBalanceStored(account);
            if (m == cToken) {
                balance -= redeemTokens;
                borrowed += borrowAmount;
            }
            collateral += balance * price / 1e18 * markets[m].collateralFactorMantissa / 1e18;
            debt += borrowed * price / 1e18;
        }
        if (collateral >= debt) {
            return (0, collateral - debt, 0);
        }
        return (0, 0, debt - collateral);
    }

    function borrowAllowed(address cToken, address borrower, uint256 amount) external view returns (uint256) {
        require(markets[cToken].isListed, "market not listed");
        (,, uint256 shortfall) = hypothetical(borrower, cToken, 0, amount);
        require(shortfall == 0, "insufficient liquidity");
        return 0;
    }

    function redeemAllowed(address cToken, address redeemer, uint256 amount) external view returns (uint256) {
        require(markets[cToken].isListed, "market not listed");
        (,, uint256 shortfall) = hypothetical(redeemer, cToken, amount, 0);
        require(shortfall == 0, "insufficient liquidity");
        return 0;
    }
}

/// @notice A market: supply the underlying for market tokens one to one, borrow against the Comptroller's liquidity.
contract MarketToken is ERC20 {
    IERC20 public immutable underlying;
    Comptroller public immutable comptroller;
    address public admin;
    uint256 public totalBorrows;
    uint256 public reserveFactorMantissa;
    mapping(address => uint256) internal borrows;

    event Mint(address minter, uint256 mintAmount, uint256 mintTokens);
    event Redeem(address redeemer, uint256 redeemAmount, uint256 redeemTokens);
    event Borrow(address borrower, uint256 borrowAmount, uint256 accountBorrows, uint256 totalBorrows);
    event RepayBorrow(address payer, address borrower, uint256 repayAmount, uint256 accountBorrows, uint256 totalBorrows);
    event NewReserveFactor(uint256 oldReserveFactorMantissa, uint256 newReserveFactorMantissa);

    constructor(string memory name_, string memory symbol_, IERC20 underlying_, Comptroller comptroller_, address admin_)
        ERC20(name_, symbol_)
    {
        underlying = underlying_;
        comptroller = comptroller_;
        admin = admin_;
    }

    function _setAdmin(address newAdmin) external {
        require(msg.sender == admin, "admin only");
        admin = newAdmin;
    }

    function _setReserveFactor(uint256 newReserveFactorMantissa) external returns (uint256) {
        require(msg.sender == admin, "admin only");
        require(newReserveFactorMantissa <= 1e18, "reserve factor above 100%");
        emit NewReserveFactor(reserveFactorMantissa, newReserveFactorMantissa);
        reserveFactorMantissa = newReserveFactorMantissa;
        return 0;
    }

    function getCash() public view returns (uint256) {
        return underlying.balanceOf(address(this));
    }

    function borrowBalanceStored(address account) external view returns (uint256) {
        return borrows[account];
    }

    function mint(uint256 mintAmount) external returns (uint256) {
        comptroller.updateSupplier(msg.sender);
        require(underlying.transferFrom(msg.sender, address(this), mintAmount), "transfer in failed");
        _mint(msg.sender, mintAmount);
        emit Mint(msg.sender, mintAmount, mintAmount);
        return 0;
    }

    function redeemUnderlying(uint256 redeemAmount) external returns (uint256) {
        comptroller.updateSupplier(msg.sender);
        comptroller.redeemAllowed(address(this), msg.sender, redeemAmount);
        _burn(msg.sender, redeemAmount);
        require(underlying.transfer(msg.sender, redeemAmount), "transfer out failed");
        emit Redeem(msg.sender, redeemAmount, redeemAmount);
        return 0;
    }

    function borrow(uint256 borrowAmount) external returns (uint256) {
        comptroller.borrowAllowed(address(this), msg.sender, borrowAmount);
        borrows[msg.sender] += borrowAmount;
        totalBorrows += borrowAmount;
        require(underlying.transfer(msg.sender, borrowAmount), "transfer out failed");
        emit Borrow(msg.sender, borrowAmount, borrows[msg.sender], totalBorrows);
        return 0;
    }

    function repayBorrow(uint256 repayAmount) external returns (uint256) {
        require(underlying.transferFrom(msg.sender, address(this), repayAmount), "transfer in failed");
        borrows[msg.sender] -= repayAmount;
        totalBorrows -= repayAmount;
        emit RepayBorrow(msg.sender, msg.sender, repayAmount, borrows[msg.sender], totalBorrows);
        return 0;
    }
}

// An Aave-v3-shaped pool: reserves listed by the pool, prices from the oracle its addresses provider names
// (getAssetPrice, 8-decimal base currency), collateral configured per reserve in basis points.

/// @notice Names the pool and its price oracle.
contract PoolAddressesProvider {
    address public owner;
    address internal pool;
    address internal priceOracle;

    constructor(address owner_) {
        owner = owner_;
    }

    function getPool() external view returns (address) {
        return pool;
    }

    function getPriceOracle() external view returns (address) {
        return priceOracle;
    }

    function setPool(address pool_) external {
        require(msg.sender == owner, "owner only");
        pool = pool_;
    }

    function setPriceOracle(address priceOracle_) external {
        require(msg.sender == owner, "owner only");
        priceOracle = priceOracle_;
    }

    function transferOwnership(address newOwner) external {
        require(msg.sender == owner, "owner only");
        owner = newOwner;
    }
}

/// @notice Prices each asset from the source the owner set for it.
contract AssetPriceOracle {
    PoolAddressesProvider public immutable ADDRESSES_PROVIDER;
    address public owner;
    mapping(address => address) internal sources;

    event AssetSourceUpdated(address indexed asset, address indexed source);

    constructor(PoolAddressesProvider provider, address owner_) {
        ADDRESSES_PROVIDER = provider;
        owner = owner_;
    }

    function setAssetSources(address[] calldata assets, address[] calldata sources_) external {
        require(msg.sender == owner, "owner only");
        require(assets.length == sources_.length, "length mismatch");
        for (uint256 i = 0; i < assets.length; i++) {
            sources[assets[i]] = sources_[i];
            emit AssetSourceUpdated(assets[i], sources_[i]);
        }
    }

    function transferOwnership(address newOwner) external {
        require(msg.sender == owner, "owner only");
        owner = newOwner;
    }

    function getSourceOfAsset(address asset) external view returns (address) {
        return sources[asset];
    }

    function getAssetPrice(address asset) public view returns (uint256) {
        address source = sources[asset];
        require(source != address(0), "no source");
        (, int256 answer,,,) = IAggregator(source).latestRoundData();
        require(answer > 0, "bad answer");
        return uint256(answer);
    }
}

/// @notice Supply, withdraw, borrow and repay reserves; collateral and debt valued through the provider's oracle.
contract ReservePool {
    PoolAddressesProvider public immutable ADDRESSES_PROVIDER;
    address public admin;
    address[] internal reserves;
    mapping(address => uint256) public ltvOf;
    mapping(address => uint256) public liquidationThresholdOf;
    mapping(address => mapping(address => uint256)) internal supplied;
    mapping(address => mapping(address => uint256)) internal borrowed;

    event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode);
    event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount);
    event Borrow(
        address indexed reserve,
        address user,
        address indexed onBehalfOf,
        uint256 amount,
        uint8 interestRateMode,
        uint256 borrowRate,
        uint16 indexed referralCode
    );
    event Repay(address indexed reserve, address indexed user, address indexed repayer, uint256 amount, bool useATokens);
    event CollateralConfigurationChanged(address indexed asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus);

    constructor(PoolAddressesProvider provider, address admin_) {
        ADDRESSES_PROVIDER = provider;
        admin = admin_;
    }

    function setAdmin(address newAdmin) external {
        require(msg.sender == admin, "admin only");
        admin = newAdmin;
    }

    function initReserve(address asset) external {
        require(msg.sender == admin, "admin only");
        reserves.push(asset);
    }

    function configureReserveAsCollateral(address asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus)
        external
    {
        require(msg.sender == admin, "admin only");
        require(ltv <= liquidationThreshold && liquidationThreshold < 10_000, "invalid configuration");
        ltvOf[asset] = ltv;
        liquidationThresholdOf[asset] = liquidationThreshold;
        emit CollateralConfigurationChanged(asset, ltv, liquidationThreshold, liquidationBonus);
    }

    function getReservesList() external view returns (address[] memory) {
        return reserves;
    }

    function getUserAccountData(address user)
        public
        view
        returns (
            uint256 totalCollateralBase,
            uint256 totalDebtBase,
            uint256 availableBorrowsBase,
            uint256 currentLiquidationThreshold,
            uint256 ltv,
            uint256 healthFactor
        )
    {
        uint256 borrowable;
        uint256 liquidation;
        (totalCollateralBase, totalDebtBase, borrowable, liquidation) = totals(user);
        availableBorrowsBase = borrowable > totalDebtBase ? borrowable - totalDebtBase : 0;
        currentLiquidationThreshold = totalCollateralBase == 0 ? 0 : liquidation * 10_000 / totalCollateralBase;
        ltv = totalCollateralBase == 0 ? 0 : borrowable * 10_000 / totalCollateralBase;
        healthFactor = totalDebtBase == 0 ? type(uint256).max : liquidation * 1e18 / totalDebtBase;
    }

    function totals(address user)
        internal
        view
        returns (uint256 collateral, uint256 debt, uint256 borrowable, uint256 liquidation)
    {
        AssetPriceOracle oracle = AssetPriceOracle(ADDRESSES_PROVIDER.getPriceOracle());
        for (uint256 i = 0; i < reserves.length; i++) {
            address a = reserves[i];
            uint256 price = oracle.getAssetPrice(a);
            uint256 value = supplied[a][user] * price / 1e18;
            collateral += value;
            debt += borrowed[a][user] * price / 1e18;
            borrowable += value * ltvOf[a] / 10_000;
            liquidation += value * liquidationThresholdOf[a] / 10_000;
        }
    }

    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external {
        require(IERC20(asset).transferFrom(msg.sender, address(this), amount), "transfer in failed");
        supplied[asset][onBehalfOf] += amount;
        emit Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    function withdraw(address asset, uint256 amount, address to) external returns (uint256) {
        supplied[asset][msg.sender] -= amount;
        (,,,,, uint256 healthFactor) = getUserAccountData(msg.sender);
        require(healthFactor >= 1e18, "health factor below 1");
        require(IERC20(asset).transfer(to, amount), "transfer out failed");
        emit Withdraw(asset, msg.sender, to, amount);
        return amount;
    }

    function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)
        external
    {
        require(onBehalfOf == msg.sender, "no credit delegation");
        borrowed[asset][onBehalfOf] += amount;
        (uint256 collateral, uint256 debt,,, uint256 ltv,) = getUserAccountData(onBehalfOf);
        require(debt <= collateral * ltv / 10_000, "collateral cannot cover the new borrow");
        require(IERC20(asset).transfer(msg.sender, amount), "transfer out failed");
        emit Borrow(asset, msg.sender, onBehalfOf, amount, uint8(interestRateMode), 0, referralCode);
    }

    function repay(address asset, uint256 amount, uint256, address onBehalfOf) external returns (uint256) {
        require(IERC20(asset).transferFrom(msg.sender, address(this), amount), "transfer in failed");
        borrowed[asset][onBehalfOf] -= amount;
        emit Repay(asset, onBehalfOf, msg.sender, amount, false);
        return amount;
    }
}
