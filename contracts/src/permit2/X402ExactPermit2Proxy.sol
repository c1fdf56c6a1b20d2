// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISignatureTransfer} from "./ISignatureTransfer.sol";
import {X402Permit2ProxyBase} from "./X402Permit2ProxyBase.sol";

/// @title The x402 `exact` Permit2 proxy (devnet implementation)
/// @notice The payer signs Permit2's PermitWitnessTransferFrom with this proxy as spender and the
/// witness `Witness(address to,uint256 validAfter)`; `settle` moves exactly the permitted amount to
/// `witness.to` (scheme_exact_evm.md §2, Phase 4). Canonical address (CREATE2, every chain):
/// 0x402085c248EeA27D92E8b30b2C58ed07f9E20001; the devnet places this code there.
contract X402ExactPermit2Proxy is X402Permit2ProxyBase {
    /// @notice The witness part of the type string Permit2 hashes (types after the stub, sorted).
    string public constant WITNESS_TYPE_STRING =
        "Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,uint256 validAfter)";

    /// @notice keccak256("Witness(address to,uint256 validAfter)")
    bytes32 public constant WITNESS_TYPEHASH = keccak256("Witness(address to,uint256 validAfter)");

    /// @notice What the payer binds: the recipient and the earliest time of settlement.
    struct Witness {
        address to;
        uint256 validAfter;
    }

    constructor(address permit2) X402Permit2ProxyBase(permit2) {}

    /// @notice Moves `permit.permitted.amount` from `owner` to `witness.to`.
    function settle(
        ISignatureTransfer.PermitTransferFrom calldata permit,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) external nonReentrant {
        _settleExact(permit, owner, witness, signature);
        emit Settled();
    }

    /// @notice `settle`, after submitting the owner's EIP-2612 permit for Permit2 (eip2612GasSponsoring).
    function settleWithPermit(
        EIP2612Permit calldata permit2612,
        ISignatureTransfer.PermitTransferFrom calldata permit,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) external nonReentrant {
        _permitPermit2(permit.permitted.token, owner, permit2612, permit.permitted.amount);
        _settleExact(permit, owner, witness, signature);
        emit SettledWithPermit();
    }

    function _settleExact(
        ISignatureTransfer.PermitTransferFrom calldata permit,
        address owner,
        Witness calldata witness,
        bytes calldata signature
    ) private {
        bytes32 witnessHash = keccak256(abi.encode(WITNESS_TYPEHASH, witness.to, witness.validAfter));
        _settle(
            permit,
            permit.permitted.amount,
            owner,
            witness.to,
            witness.validAfter,
            witnessHash,
            WITNESS_TYPE_STRING,
            signature
        );
    }
}
