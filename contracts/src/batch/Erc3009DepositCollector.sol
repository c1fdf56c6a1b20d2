// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IDepositCollector} from "./IDepositCollector.sol";

/// @notice The one EIP-3009 entry point the collector needs (FiatToken v2.2 and the devnet Usdc have it).
interface IReceiveWithAuthorization {
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external;
}

/// @title Deposits into batch-settlement channels through EIP-3009 `receiveWithAuthorization`
/// @notice The payer signs `ReceiveWithAuthorization(from = payer, to = this collector, value = deposit,
/// validAfter, validBefore, nonce = keccak256(abi.encode(channelId, salt)))` for the token's own EIP-712
/// domain. Because the nonce commits to the channel id, whoever submits the deposit can only fund the
/// channel the payer meant. `collectorData` is `abi.encode(uint256 validAfter, uint256 validBefore,
/// uint256 salt, bytes signature)`, as the x402 EVM SDK (2.27) builds it.
/// @dev `receiveWithAuthorization` only pays its caller, so the tokens land here and are forwarded to
/// the settlement contract in the same call. Only the settlement contract may call `collect`: anyone
/// else could otherwise spend a payer's authorization without crediting the channel.
/// The settlement address is an immutable (part of the runtime code), so the code works when it is
/// placed with `anvil_setCode`.
contract Erc3009DepositCollector is IDepositCollector {
    using SafeERC20 for IERC20;

    /// @notice The batch-settlement contract this collector serves (its only allowed caller).
    address public immutable settlement;

    /// @notice `collect` was called by someone other than the settlement contract.
    error CallerNotSettlement(address caller);

    /// @notice The constructor was given the zero address.
    error ZeroSettlement();

    constructor(address settlement_) {
        if (settlement_ == address(0)) revert ZeroSettlement();
        settlement = settlement_;
    }

    /// @notice The EIP-3009 nonce a deposit into `channelId` must be signed with.
    function depositNonce(bytes32 channelId, uint256 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(channelId, salt));
    }

    /// @inheritdoc IDepositCollector
    function collect(address payer, address token, uint256 amount, bytes32 channelId, bytes calldata collectorData)
        external
    {
        if (msg.sender != settlement) revert CallerNotSettlement(msg.sender);
        (uint256 validAfter, uint256 validBefore, uint256 salt, bytes memory signature) =
            abi.decode(collectorData, (uint256, uint256, uint256, bytes));
        IReceiveWithAuthorization(token)
            .receiveWithAuthorization(
                payer, address(this), amount, validAfter, validBefore, depositNonce(channelId, salt), signature
            );
        IERC20(token).safeTransfer(settlement, amount);
    }
}
