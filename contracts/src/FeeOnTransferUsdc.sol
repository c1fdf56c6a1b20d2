// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Usdc} from "./Usdc.sol";

/// @title Devnet fee-on-transfer EIP-3009 token: a settlement that succeeds but is not a payment
/// @notice The devnet USDC (same EIP-3009 ABI and revert strings) except that every transfer between
/// two accounts diverts a fee of 1% (rounded up, so at least 1 unit) to `FEE_COLLECTOR`. A
/// `transferWithAuthorization(from, payTo, amount)` therefore mines with status success and emits
/// `Transfer(from, payTo, amount - fee)` and `Transfer(from, FEE_COLLECTOR, fee)`, never
/// `Transfer(from, payTo, amount)`: a facilitator that trusts `receipt.status` reports a payment that
/// payTo did not receive (x402-foundation/x402 #2385, "settlement MUST produce exactly one
/// identifiable transfer of `amount` of `asset` to `payTo`").
/// @dev The fee rate and collector are constants, so the runtime code works wherever `anvil_setCode`
/// places it (see Usdc). Mints and burns carry no fee.
/// DEVNET ONLY: `mint` lets anyone create tokens. Never deploy this contract on a real network.
contract FeeOnTransferUsdc is Usdc {
    /// @notice The fee in basis points of each transfer (100 = 1%).
    uint256 public constant FEE_BASIS_POINTS = 100;

    /// @notice Where the fees go (an address nobody holds a key for).
    address public constant FEE_COLLECTOR = 0x000000000000000000000000000000000000FEE0;

    /// @param eip712Name The EIP-712 domain name (also `name()`).
    /// @param eip712Version The EIP-712 domain version (also `version()`).
    constructor(string memory eip712Name, string memory eip712Version) Usdc(eip712Name, eip712Version) {}

    /// @notice The fee on a transfer of `value`: 1%, rounded up.
    function feeOf(uint256 value) public pure returns (uint256) {
        return (value * FEE_BASIS_POINTS + 9_999) / 10_000;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0) || to == FEE_COLLECTOR) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOf(value);
        super._update(from, to, value - fee);
        super._update(from, FEE_COLLECTOR, fee);
    }
}
