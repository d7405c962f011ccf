// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

interface IRewardClaim {
    function claim(address account, address token, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        returns (uint256);
}

/// @notice A hostile reward token: once armed, every transfer out of the distributor calls back into its claim with
/// the same arguments, trying to be paid twice before the first payment is recorded.
contract ReentrantToken is ERC20 {
    address private _target;
    address private _account;
    uint256 private _amount;
    bytes32[] private _proof;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target, address account, uint256 amount, bytes32[] calldata proof) external {
        _target = target;
        _account = account;
        _amount = amount;
        _proof = proof;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        bool ok = super.transfer(to, value);
        if (_target != address(0) && msg.sender == _target) {
            address target = _target;
            _target = address(0);
            IRewardClaim(target).claim(_account, address(this), _amount, _proof);
        }
        return ok;
    }
}
