// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title The signature-transfer interface of Permit2 (the part x402 uses)
/// @notice Struct layouts, function signatures, events and errors as in Uniswap's Permit2, so calldata
/// and revert data built for the canonical contract mean the same here.
interface ISignatureTransfer {
    /// @notice The token and the most the spender may move.
    struct TokenPermissions {
        address token;
        uint256 amount;
    }

    /// @notice A signed permit: what may move, a single-use nonce and a deadline.
    struct PermitTransferFrom {
        TokenPermissions permitted;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice Where the tokens go and how many of the permitted amount.
    struct SignatureTransferDetails {
        address to;
        uint256 requestedAmount;
    }

    /// @notice The nonces of `mask` in word `word` of `owner` were invalidated.
    event UnorderedNonceInvalidation(address indexed owner, uint256 word, uint256 mask);

    /// @notice `block.timestamp` is past the permit's deadline.
    error SignatureExpired(uint256 signatureDeadline);
    /// @notice The requested amount is above the permitted amount.
    error InvalidAmount(uint256 maxAmount);
    /// @notice The nonce was used or invalidated before.
    error InvalidNonce();
    /// @notice The signature recovers to no address.
    error InvalidSignature();
    /// @notice The signature recovers to someone other than the owner.
    error InvalidSigner();
    /// @notice The signature is neither 64 nor 65 bytes long (EOA owner).
    error InvalidSignatureLength();
    /// @notice The owner is a contract and did not accept the signature (ERC-1271).
    error InvalidContractSignature();

    function nonceBitmap(address owner, uint256 wordPosition) external view returns (uint256);

    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice Moves `transferDetails.requestedAmount` from `owner` with the owner's signature over the permit.
    function permitTransferFrom(
        PermitTransferFrom calldata permit,
        SignatureTransferDetails calldata transferDetails,
        address owner,
        bytes calldata signature
    ) external;

    /// @notice Like permitTransferFrom, with `witness` (a struct hash of type `witnessTypeString`)
    /// included in the signed message.
    function permitWitnessTransferFrom(
        PermitTransferFrom calldata permit,
        SignatureTransferDetails calldata transferDetails,
        address owner,
        bytes32 witness,
        string calldata witnessTypeString,
        bytes calldata signature
    ) external;
}
