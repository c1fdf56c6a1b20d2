// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ISignatureTransfer} from "./ISignatureTransfer.sol";

/// @title What the x402 exact and upto Permit2 proxies share
/// @notice The proxy is the `spender` the payer signs for, and the only caller Permit2 accepts that
/// signature from. It moves tokens only to the `to` of the signed witness, so whoever submits the
/// settlement (the facilitator) cannot redirect them. Events and errors have the names the x402 EVM SDK (2.27)
/// decodes (scheme_exact_evm.md, "Reference Implementation: x402ExactPermit2Proxy").
/// @dev PERMIT2 is an immutable (part of the runtime code), so the code works where the devnet places it.
abstract contract X402Permit2ProxyBase is ReentrancyGuardTransient {
    /// @notice The Permit2 contract every settlement goes through.
    ISignatureTransfer public immutable PERMIT2;

    /// @notice `settle` moved the tokens.
    event Settled();
    /// @notice `settleWithPermit` moved the tokens.
    event SettledWithPermit();
    /// @notice The token's EIP-2612 `permit` reverted; settlement went on with the existing allowance.
    event EIP2612PermitFailed(address indexed token, address indexed owner, bytes reason);

    error InvalidPermit2Address();
    error InvalidDestination();
    error PaymentTooEarly();
    error InvalidOwner();
    error InvalidAmount();
    error Permit2612AmountMismatch();

    /// @notice An EIP-2612 permit of the token, letting Permit2 spend the owner's tokens.
    struct EIP2612Permit {
        uint256 value;
        uint256 deadline;
        bytes32 r;
        bytes32 s;
        uint8 v;
    }

    constructor(address permit2) {
        if (permit2 == address(0)) revert InvalidPermit2Address();
        PERMIT2 = ISignatureTransfer(permit2);
    }

    /// Checks what Permit2 does not know about (the witness's time bound and the zero cases), then lets
    /// Permit2 verify the signature over permit + witness and move `amount` to `to`.
    function _settle(
        ISignatureTransfer.PermitTransferFrom calldata permit,
        uint256 amount,
        address owner,
        address to,
        uint256 validAfter,
        bytes32 witnessHash,
        string memory witnessTypeString,
        bytes calldata signature
    ) internal {
        if (amount == 0) revert InvalidAmount();
        if (owner == address(0)) revert InvalidOwner();
        if (to == address(0)) revert InvalidDestination();
        if (block.timestamp < validAfter) revert PaymentTooEarly();
        PERMIT2.permitWitnessTransferFrom(
            permit,
            ISignatureTransfer.SignatureTransferDetails({to: to, requestedAmount: amount}),
            owner,
            witnessHash,
            witnessTypeString,
            signature
        );
    }

    /// Submits the owner's EIP-2612 permit for Permit2. A failing permit (already used, front-run, or
    /// a token without EIP-2612) does not stop the settlement: Permit2 then needs an existing allowance.
    function _permitPermit2(address token, address owner, EIP2612Permit calldata permit2612, uint256 permitted)
        internal
    {
        if (permit2612.value != permitted) revert Permit2612AmountMismatch();
        try IERC20Permit(token).permit(
            owner, address(PERMIT2), permit2612.value, permit2612.deadline, permit2612.v, permit2612.r, permit2612.s
        ) {} catch (bytes memory reason) {
            emit EIP2612PermitFailed(token, owner, reason);
        }
    }
}
