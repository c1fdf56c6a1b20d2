// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISignatureTransfer} from "./ISignatureTransfer.sol";
import {X402Permit2ProxyBase} from "./X402Permit2ProxyBase.sol";

/// @title The x402 `upto` Permit2 proxy (devnet implementation)
/// @notice The payer signs a maximum (`permit.permitted.amount`) with the witness
/// `Witness(address to,address facilitator,uint256 validAfter)`; the facilitator named in the witness,
/// and only it, settles any `amount` up to that maximum, once (scheme_upto_evm.md §1, Phase 4).
/// Canonical address: 0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002; the devnet places this code there.
contract X402UptoPermit2Proxy is X402Permit2ProxyBase {
    /// @notice The witness part of the type string Permit2 hashes (types after the stub, sorted).
    string public constant WITNESS_TYPE_STRING =
        "Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,address facilitator,uint256 validAfter)";

    /// @notice keccak256("Witness(address to,address facilitator,uint256 validAfter)")
    bytes32 public constant WITNESS_TYPEHASH = keccak256("Witness(address to,address facilitator,uint256 validAfter)");

    /// @notice The caller is not the facilitator the payer bound in the witness.
    error UnauthorizedFacilitator();
    /// @notice The settlement amount is above the signed maximum.
    error AmountExceedsPermitted();

    /// @notice What the payer binds: recipient, the one facilitator allowed to settle, earliest time.
    struct Witness {
        address to;
        address facilitator;
        uint256 validAfter;
    }

    constructor(address permit2) X402Permit2ProxyBase(permit2) {}

    /// @notice Moves `amount` (at most the permitted maximum) from `owner` to `witness.to`.
    function settle(
        ISignatureTransfer.PermitTransferFrom calldata permit,
        uint256 amount,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) external nonReentrant {
        _settleUpto(permit, amount, owner, witness, signature);
        emit Settled();
    }

    /// @notice `settle`, after submitting the owner's EIP-2612 permit for Permit2 (eip2612GasSponsoring).
    function settleWithPermit(
        EIP2612Permit calldata permit2612,
        ISignatureTransfer.PermitTransferFrom calldata permit,
        uint256 amount,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) external nonReentrant {
        _checkCaller(permit, amount, witness);
        _permitPermit2(permit.permitted.token, owner, permit2612, permit.permitted.amount);
        _settleUpto(permit, amount, owner, witness, signature);
        emit SettledWithPermit();
    }

    function _checkCaller(ISignatureTransfer.PermitTransferFrom calldata permit, uint256 amount, Witness calldata witness)
        private
        view
    {
        if (amount > permit.permitted.amount) revert AmountExceedsPermitted();
        if (msg.sender != witness.facilitator) revert UnauthorizedFacilitator();
    }

    function _settleUpto(
        ISignatureTransfer.PermitTransferFrom calldata permit,
        uint256 amount,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) private {
        _checkCaller(permit, amount, witness);
        bytes32 witnessHash =
            keccak256(abi.encode(WITNESS_TYPEHASH, witness.to, witness.facilitator, witness.validAfter));
        _settle(permit, amount, owner, witness.to, witness.validAfter, witnessHash, WITNESS_TYPE_STRING, signature);
    }
}
