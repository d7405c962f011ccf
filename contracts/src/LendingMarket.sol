// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Single-asset lending market with a Compound-style jump-rate interest model and a reserve factor.
/// Suppliers receive shares of the pool; borrowers post a separate collateral token priced by an owner-set
/// oracle. Borrows carry a caller-chosen ceiling on the resulting borrow rate (rate slippage protection), so
/// rate-sensitive demand reacts to the interest model. The owner is the DAO's timelock.
/// All rates and ratios are WAD (1e18 = 100%); rates are per year and accrue per second.
contract LendingMarket is Ownable {
    using SafeERC20 for IERC20;

    uint256 public constant WAD = 1e18;
    uint256 public constant SECONDS_PER_YEAR = 365 days;
    uint256 public constant MAX_RATE_PER_YEAR = 100e18; // 10,000% APR: any model above this is a mistake
    uint256 public constant MAX_RESERVE_FACTOR = 0.5e18;

    IERC20 public immutable asset;
    IERC20 public immutable collateralAsset;

    // Interest rate model
    uint256 public baseRatePerYear;
    uint256 public multiplierPerYear;
    uint256 public jumpMultiplierPerYear;
    uint256 public kink;
    uint256 public reserveFactor;

    // Risk parameters
    uint256 public collateralFactor;
    uint256 public collateralPrice; // asset units (WAD) per collateral unit

    // Accounting
    uint256 public totalShares;
    uint256 public totalBorrows;
    uint256 public totalReserves;
    uint256 public borrowIndex = WAD;
    uint256 public lastAccrual;

    struct BorrowSnapshot {
        uint256 principal;
        uint256 interestIndex;
    }

    mapping(address => uint256) public sharesOf;
    mapping(address => uint256) public collateralOf;
    mapping(address => BorrowSnapshot) private _borrows;

    event Supplied(address indexed account, uint256 amount, uint256 shares);
    event Redeemed(address indexed account, uint256 amount, uint256 shares);
    event Borrowed(address indexed account, uint256 amount, uint256 accountBorrows, uint256 totalBorrows);
    event Repaid(address indexed payer, address indexed borrower, uint256 amount, uint256 accountBorrows, uint256 totalBorrows);
    event CollateralDeposited(address indexed account, uint256 amount);
    event CollateralWithdrawn(address indexed account, uint256 amount);
    event InterestAccrued(uint256 interest, uint256 borrowIndex, uint256 totalBorrows, uint256 totalReserves);
    event RateModelUpdated(
        uint256 baseRatePerYear, uint256 multiplierPerYear, uint256 jumpMultiplierPerYear, uint256 kink
    );
    event ReserveFactorUpdated(uint256 oldReserveFactor, uint256 newReserveFactor);
    event CollateralFactorUpdated(uint256 oldCollateralFactor, uint256 newCollateralFactor);
    event CollateralPriceUpdated(uint256 oldPrice, uint256 newPrice);

    error ZeroAmount();
    error InvalidParameter(string name, uint256 value);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error InsufficientCollateral(uint256 borrowCapacity, uint256 borrowed);
    error BorrowRateAboveLimit(uint256 borrowRatePerYear, uint256 maxBorrowRatePerYear);
    error InsufficientShares(uint256 requested, uint256 owned);

    constructor(
        IERC20 asset_,
        IERC20 collateralAsset_,
        address owner_,
        uint256 baseRatePerYear_,
        uint256 multiplierPerYear_,
        uint256 jumpMultiplierPerYear_,
        uint256 kink_,
        uint256 reserveFactor_,
        uint256 collateralFactor_,
        uint256 collateralPrice_
    ) Ownable(owner_) {
        asset = asset_;
        collateralAsset = collateralAsset_;
        lastAccrual = block.timestamp;
        _setRateModel(baseRatePerYear_, multiplierPerYear_, jumpMultiplierPerYear_, kink_);
        _setReserveFactor(reserveFactor_);
        _setCollateralFactor(collateralFactor_);
        _setCollateralPrice(collateralPrice_);
    }

    // ---------------------------------------------------------------- views

    function getCash() public view returns (uint256) {
        return asset.balanceOf(address(this));
    }

    /// @notice cash + borrows - reserves: what suppliers own in total.
    function totalAssets() public view returns (uint256) {
        return getCash() + totalBorrows - totalReserves;
    }

    function utilization() public view returns (uint256) {
        return _utilization(getCash(), totalBorrows, totalReserves);
    }

    function borrowRatePerYear() public view returns (uint256) {
        return _borrowRate(utilization());
    }

    function supplyRatePerYear() public view returns (uint256) {
        uint256 u = utilization();
        return Math.mulDiv(Math.mulDiv(_borrowRate(u), u, WAD), WAD - reserveFactor, WAD);
    }

    function borrowBalance(address account) public view returns (uint256) {
        BorrowSnapshot memory s = _borrows[account];
        if (s.principal == 0) return 0;
        return Math.mulDiv(s.principal, borrowIndex, s.interestIndex);
    }

    function balanceOfUnderlying(address account) external view returns (uint256) {
        if (totalShares == 0) return 0;
        return Math.mulDiv(sharesOf[account], totalAssets(), totalShares);
    }

    function borrowCapacity(address account) public view returns (uint256) {
        return Math.mulDiv(Math.mulDiv(collateralOf[account], collateralPrice, WAD), collateralFactor, WAD);
    }

    // ---------------------------------------------------------------- user actions

    function accrueInterest() public {
        uint256 elapsed = block.timestamp - lastAccrual;
        if (elapsed == 0) return;
        lastAccrual = block.timestamp;
        if (totalBorrows == 0) return;
        uint256 simpleFactor = _borrowRate(utilization()) * elapsed / SECONDS_PER_YEAR;
        uint256 interest = Math.mulDiv(totalBorrows, simpleFactor, WAD);
        totalBorrows += interest;
        totalReserves += Math.mulDiv(interest, reserveFactor, WAD);
        borrowIndex += Math.mulDiv(borrowIndex, simpleFactor, WAD);
        emit InterestAccrued(interest, borrowIndex, totalBorrows, totalReserves);
    }

    function supply(uint256 amount) external returns (uint256 shares) {
        if (amount == 0) revert ZeroAmount();
        accrueInterest();
        uint256 assetsBefore = totalAssets();
        shares = totalShares == 0 || assetsBefore == 0 ? amount : Math.mulDiv(amount, totalShares, assetsBefore);
        totalShares += shares;
        sharesOf[msg.sender] += shares;
        asset.safeTransferFrom(msg.sender, address(this), amount);
        emit Supplied(msg.sender, amount, shares);
    }

    function redeem(uint256 shares) external returns (uint256 amount) {
        if (shares == 0) revert ZeroAmount();
        accrueInterest();
        uint256 owned = sharesOf[msg.sender];
        if (shares > owned) revert InsufficientShares(shares, owned);
        amount = Math.mulDiv(shares, totalAssets(), totalShares);
        uint256 cash = getCash();
        if (amount > cash) revert InsufficientLiquidity(amount, cash);
        sharesOf[msg.sender] = owned - shares;
        totalShares -= shares;
        asset.safeTransfer(msg.sender, amount);
        emit Redeemed(msg.sender, amount, shares);
    }

    function depositCollateral(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        collateralOf[msg.sender] += amount;
        collateralAsset.safeTransferFrom(msg.sender, address(this), amount);
        emit CollateralDeposited(msg.sender, amount);
    }

    function withdrawCollateral(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        accrueInterest();
        collateralOf[msg.sender] -= amount;
        uint256 owed = borrowBalance(msg.sender);
        uint256 capacity = borrowCapacity(msg.sender);
        if (owed > capacity) revert InsufficientCollateral(capacity, owed);
        collateralAsset.safeTransfer(msg.sender, amount);
        emit CollateralWithdrawn(msg.sender, amount);
    }

    /// @param maxBorrowRatePerYear the borrow fails if the market's borrow rate after it exceeds this
    function borrow(uint256 amount, uint256 maxBorrowRatePerYear) external {
        if (amount == 0) revert ZeroAmount();
        accrueInterest();
        uint256 cash = getCash();
        if (amount > cash) revert InsufficientLiquidity(amount, cash);
        uint256 owed = borrowBalance(msg.sender) + amount;
        uint256 capacity = borrowCapacity(msg.sender);
        if (owed > capacity) revert InsufficientCollateral(capacity, owed);
        _borrows[msg.sender] = BorrowSnapshot(owed, borrowIndex);
        totalBorrows += amount;
        uint256 rateAfter = _borrowRate(_utilization(cash - amount, totalBorrows, totalReserves));
        if (rateAfter > maxBorrowRatePerYear) revert BorrowRateAboveLimit(rateAfter, maxBorrowRatePerYear);
        asset.safeTransfer(msg.sender, amount);
        emit Borrowed(msg.sender, amount, owed, totalBorrows);
    }

    /// @param amount what to repay; type(uint256).max repays the whole debt
    function repay(address borrower, uint256 amount) external returns (uint256 repaid) {
        accrueInterest();
        uint256 owed = borrowBalance(borrower);
        repaid = amount == type(uint256).max || amount > owed ? owed : amount;
        if (repaid == 0) revert ZeroAmount();
        uint256 remaining = owed - repaid;
        _borrows[borrower] = BorrowSnapshot(remaining, borrowIndex);
        totalBorrows = totalBorrows > repaid ? totalBorrows - repaid : 0;
        asset.safeTransferFrom(msg.sender, address(this), repaid);
        emit Repaid(msg.sender, borrower, repaid, remaining, totalBorrows);
    }

    // ---------------------------------------------------------------- governance

    function setRateModel(
        uint256 baseRatePerYear_,
        uint256 multiplierPerYear_,
        uint256 jumpMultiplierPerYear_,
        uint256 kink_
    ) external onlyOwner {
        accrueInterest();
        _setRateModel(baseRatePerYear_, multiplierPerYear_, jumpMultiplierPerYear_, kink_);
    }

    function setReserveFactor(uint256 reserveFactor_) external onlyOwner {
        accrueInterest();
        _setReserveFactor(reserveFactor_);
    }

    function setCollateralFactor(uint256 collateralFactor_) external onlyOwner {
        _setCollateralFactor(collateralFactor_);
    }

    function setCollateralPrice(uint256 collateralPrice_) external onlyOwner {
        _setCollateralPrice(collateralPrice_);
    }

    // ---------------------------------------------------------------- internals

    function _utilization(uint256 cash, uint256 borrows, uint256 reserves) internal pure returns (uint256) {
        if (borrows == 0) return 0;
        uint256 supplied = cash + borrows - reserves;
        if (supplied == 0) return WAD;
        return Math.min(Math.mulDiv(borrows, WAD, supplied), WAD);
    }

    function _borrowRate(uint256 u) internal view returns (uint256) {
        if (u <= kink) {
            return baseRatePerYear + Math.mulDiv(u, multiplierPerYear, WAD);
        }
        uint256 normalRate = baseRatePerYear + Math.mulDiv(kink, multiplierPerYear, WAD);
        return normalRate + Math.mulDiv(u - kink, jumpMultiplierPerYear, WAD);
    }

    function _setRateModel(uint256 base_, uint256 mult_, uint256 jump_, uint256 kink_) internal {
        if (kink_ == 0 || kink_ > WAD) revert InvalidParameter("kink", kink_);
        if (base_ > MAX_RATE_PER_YEAR) revert InvalidParameter("baseRatePerYear", base_);
        if (mult_ > MAX_RATE_PER_YEAR) revert InvalidParameter("multiplierPerYear", mult_);
        if (jump_ > MAX_RATE_PER_YEAR) revert InvalidParameter("jumpMultiplierPerYear", jump_);
        baseRatePerYear = base_;
        multiplierPerYear = mult_;
        jumpMultiplierPerYear = jump_;
        kink = kink_;
        emit RateModelUpdated(base_, mult_, jump_, kink_);
    }

    function _setReserveFactor(uint256 rf) internal {
        if (rf > MAX_RESERVE_FACTOR) revert InvalidParameter("reserveFactor", rf);
        emit ReserveFactorUpdated(reserveFactor, rf);
        reserveFactor = rf;
    }

    function _setCollateralFactor(uint256 cf) internal {
        if (cf == 0 || cf > 0.95e18) revert InvalidParameter("collateralFactor", cf);
        emit CollateralFactorUpdated(collateralFactor, cf);
        collateralFactor = cf;
    }

    function _setCollateralPrice(uint256 price) internal {
        if (price == 0) revert InvalidParameter("collateralPrice", price);
        emit CollateralPriceUpdated(collateralPrice, price);
        collateralPrice = price;
    }
}
