// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A plain ERC-20 for the devnet: no EIP-3009, no EIP-2612
/// @notice The token Permit2 exists for: the only gasless way to pay it with x402 is `exact` with
/// `assetTransferMethod: "permit2"` (or `upto`), after the payer approved Permit2 once.
/// @dev Name, symbol and decimals are constants (no storage), so the runtime code keeps working after
/// `anvil_setCode` places it; balances and allowances are OpenZeppelin ERC20 storage (`_balances` slot 0,
/// `_allowances` slot 1, `_totalSupply` slot 2).
/// DEVNET ONLY: `mint` lets anyone create tokens.
contract Erc20Token is ERC20 {
    constructor() ERC20("", "") {}

    function name() public pure override returns (string memory) {
        return "Devnet Token";
    }

    function symbol() public pure override returns (string memory) {
        return "DVT";
    }

    /// @notice 6, like USDC, so the same prices work for both.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice DEVNET ONLY: anyone may mint any amount to anyone.
    function mint(address to, uint256 value) external {
        _mint(to, value);
    }
}
