// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title A way of pulling a payer's tokens into the batch-settlement contract
/// @notice `BatchSettlement.deposit` names a collector and hands it opaque `collectorData` (signatures,
/// nonces); the collector moves exactly `amount` of `token` from `payer` to its caller. The settlement
/// contract checks its own token balance afterwards, so a collector can never credit a channel with
/// money that did not arrive.
interface IDepositCollector {
    /// @notice Moves `amount` of `token` from `payer` to `msg.sender` (the settlement contract).
    /// @param channelId The channel being funded; collectors bind their authorization to it.
    function collect(address payer, address token, uint256 amount, bytes32 channelId, bytes calldata collectorData)
        external;
}
