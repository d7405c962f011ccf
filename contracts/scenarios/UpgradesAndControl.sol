// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// Upgrades judged on what the new implementation is (initializers, storage layout, opcodes, who may upgrade next)
// rather than on whether someone listed it, and a lending market the DAO controls through its comptroller.

/// @notice An OpenZeppelin 5 transparent proxy; its constructor deploys the ProxyAdmin owned by `initialOwner`.
contract ScenarioTransparentProxy is TransparentUpgradeableProxy {
    constructor(address logic, address initialOwner, bytes memory data)
        TransparentUpgradeableProxy(logic, initialOwner, data)
    {}
}

/// @notice A UUPS rewards vault owned by the DAO's timelock: owner in slot 0, reward rate in slot 1.
contract RewardsVaultV1 is Initializable, UUPSUpgradeable {
    address public owner;
    uint256 public rewardRate;

    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_, uint256 rewardRate_) external initializer {
        owner = owner_;
        rewardRate = rewardRate_;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner only");
        _;
    }

    function setRewardRate(uint256 rate) external onlyOwner {
        rewardRate = rate;
    }

    function _authorizeUpgrade(address) internal view override onlyOwner {}
}

/// @notice A clean next version: appends a field, set once through a reinitializer only the owner may run.
contract RewardsVaultV2 is RewardsVaultV1 {
    uint256 public boost;

    function initializeV2(uint256 boost_) external reinitializer(2) onlyOwner {
        boost = boost_;
    }
}

/// @notice A next version whose "initializer" has no guard: anyone may name the operator, who may sweep the vault.
contract RewardsVaultV2Unguarded is RewardsVaultV1 {
    address public operator;

    function initializeV2(address operator_) external {
        operator = operator_;
    }

    function sweep(IERC20 token, address to) external {
        require(msg.sender == operator, "operator only");
        token.transfer(to, token.balanceOf(address(this)));
    }
}

/// @notice A next version that inserts a field before the old ones: every old slot is read as the wrong variable.
contract RewardsVaultV2Shifted is Initializable, UUPSUpgradeable {
    uint256 public boost;
    address public owner;
    uint256 public rewardRate;

    constructor() {
        _disableInitializers();
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner only");
        _;
    }

    function setRewardRate(uint256 rate) external onlyOwner {
        rewardRate = rate;
    }

    function _authorizeUpgrade(address) internal view override onlyOwner {}
}

/// @notice A next version the owner can destroy.
contract RewardsVaultV2Retirable is RewardsVaultV1 {
    function retire() external onlyOwner {
        selfdestruct(payable(owner));
    }
}

/// @notice A next version that runs any code anyone hands it in the vault's storage.
contract RewardsVaultV2Executor is RewardsVaultV1 {
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory out) = target.delegatecall(data);
        require(ok, "call failed");
        return out;
    }
}

/// @notice Fee settings behind a transparent proxy.
contract FeeConfigV1 is Initializable {
    address public keeper;
    uint256 public feeBps;

    constructor() {
        _disableInitializers();
    }

    function initialize(address keeper_, uint256 feeBps_) external initializer {
        keeper = keeper_;
        feeBps = feeBps_;
    }
}

/// @notice The next fee settings: one appended field.
contract FeeConfigV2 is FeeConfigV1 {
    uint256 public maxFeeBps;

    function setMaxFee(uint256 maxFeeBps_) external {
        require(msg.sender == keeper, "keeper only");
        maxFeeBps = maxFeeBps_;
    }
}

/// @notice A Compound-style comptroller: lists markets, administered by the DAO's timelock.
contract ScenarioComptroller {
    struct Market {
        bool isListed;
        uint256 collateralFactorMantissa;
    }

    address public admin;
    address public pendingAdmin;
    mapping(address => Market) public markets;

    constructor(address admin_) {
        admin = admin_;
    }

    function _supportMarket(address market) external {
        require(msg.sender == admin, "admin only");
        markets[market].isListed = true;
    }

    function _setPendingAdmin(address newPendingAdmin) external {
        require(msg.sender == admin, "admin only");
        pendingAdmin = newPendingAdmin;
    }

    function _acceptAdmin() external {
        require(msg.sender == pendingAdmin, "pending admin only");
        admin = pendingAdmin;
        pendingAdmin = address(0);
    }
}

/// @notice A market of that comptroller: suppliers receive market tokens; its admin may sweep what it holds.
contract ScenarioCToken {
    event Transfer(address indexed from, address indexed to, uint256 amount);

    IERC20 public immutable underlying;
    address public comptroller;
    address public admin;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    constructor(IERC20 underlying_, address comptroller_, address admin_) {
        underlying = underlying_;
        comptroller = comptroller_;
        admin = admin_;
    }

    function mint(uint256 amount) external returns (uint256) {
        require(underlying.transferFrom(msg.sender, address(this), amount), "transfer failed");
        balanceOf[msg.sender] += amount;
        totalSupply += amount;
        emit Transfer(address(this), msg.sender, amount);
        return 0;
    }

    function sweep(address to) external {
        require(msg.sender == admin, "admin only");
        underlying.transfer(to, underlying.balanceOf(address(this)));
    }
}
