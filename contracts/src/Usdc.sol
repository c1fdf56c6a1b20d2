// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title Devnet USDC with EIP-3009 (transfer / receive / cancel with authorization)
/// @notice A stand-in for Circle's FiatToken v2.2 on a local devnet: same EIP-3009 ABI, same EIP-712
/// domain (name, version "2", chain id, verifying contract), same revert strings, 6 decimals.
/// Signatures go through OpenZeppelin's SignatureChecker, so an ERC-1271 wallet (any `from` with code)
/// can pay, in the (v,r,s) form as well as in the `bytes signature` form, like FiatToken v2.2.
/// @dev The EIP-712 name and version live in immutables (OpenZeppelin ShortStrings), and the domain
/// separator is rebuilt whenever `address(this)` or the chain id differs from deployment. So the
/// runtime code keeps working after `anvil_setCode` places it at another address (the canonical USDC
/// address of a chain): no storage has to be copied. Balances, allowances and authorization states are
/// ordinary storage, empty after the move, and filled by `mint`.
/// DEVNET ONLY: `mint` lets anyone create tokens. Never deploy this contract on a real network.
contract Usdc is ERC20, EIP712 {
    /// @notice keccak256("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @notice keccak256("ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @notice keccak256("CancelAuthorization(address authorizer,bytes32 nonce)")
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    /// @dev authorizer => nonce => used or canceled.
    mapping(address authorizer => mapping(bytes32 nonce => bool)) private _authorizationStates;

    /// @notice An authorization was consumed by a transfer or receive.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /// @notice An authorization was canceled before use.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @param eip712Name The EIP-712 domain name, also returned by `name()` ("USDC" on Base Sepolia,
    /// "USD Coin" on Base).
    /// @param eip712Version The EIP-712 domain version, returned by `version()` ("2" for real USDC).
    /// @dev OpenZeppelin 5.7's EIP712 keeps both in immutables only, so each must be at most 31 bytes
    /// (it reverts with `StringTooLong` otherwise); that is what lets them survive a code move.
    constructor(string memory eip712Name, string memory eip712Version)
        // ERC20's name and symbol would live in storage, which a code move loses: both are overridden
        // below, so nothing is stored here.
        ERC20("", "")
        EIP712(eip712Name, eip712Version)
    {}

    // ---------------------------------------------------------------- ERC-20 metadata (no storage)

    /// @notice The EIP-712 domain name (real USDC returns its EIP-712 name here too).
    function name() public view override returns (string memory) {
        return _EIP712Name();
    }

    /// @notice Always "USDC".
    function symbol() public pure override returns (string memory) {
        return "USDC";
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice The EIP-712 domain version ("2" for real USDC).
    function version() external view returns (string memory) {
        return _EIP712Version();
    }

    /// @notice The EIP-712 domain separator for the current chain id and address.
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- devnet faucet

    /// @notice DEVNET ONLY: anyone may mint any amount to anyone. Lets the devnet fund payers after
    /// the code has been placed at the canonical USDC address.
    function mint(address to, uint256 value) external {
        _mint(to, value);
    }

    // ---------------------------------------------------------------- EIP-3009

    /// @notice Whether `nonce` of `authorizer` has been used or canceled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizationStates[authorizer][nonce];
    }

    /// @notice Executes a transfer signed by `from` (ECDSA signature split into v, r, s).
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce,
            abi.encodePacked(r, s, v)
        );
    }

    /// @notice Executes a transfer signed by `from`: a 65-byte ECDSA signature for an EOA, or any
    /// signature the wallet at `from` accepts through ERC-1271.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @notice Like transferWithAuthorization, but only the payee `to` may submit it (prevents
    /// front-running of deposits into a contract).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        require(to == msg.sender, "FiatTokenV2: caller must be the payee");
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce,
            abi.encodePacked(r, s, v)
        );
    }

    /// @notice receiveWithAuthorization with a `bytes` signature (EOA or ERC-1271).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) external {
        require(to == msg.sender, "FiatTokenV2: caller must be the payee");
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @notice Cancels an unused authorization of `authorizer` (ECDSA signature split into v, r, s).
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        _cancelAuthorization(authorizer, nonce, abi.encodePacked(r, s, v));
    }

    /// @notice cancelAuthorization with a `bytes` signature (EOA or ERC-1271).
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) external {
        _cancelAuthorization(authorizer, nonce, signature);
    }

    // ---------------------------------------------------------------- internals

    function _transferWithAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) private {
        // Same order of checks as FiatToken v2.2, so the same defect gives the same revert string.
        require(block.timestamp > validAfter, "FiatTokenV2: authorization is not yet valid");
        require(block.timestamp < validBefore, "FiatTokenV2: authorization is expired");
        _requireUnusedAuthorization(from, nonce);
        _requireValidSignature(
            from, keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce)), signature
        );
        _authorizationStates[from][nonce] = true;
        emit AuthorizationUsed(from, nonce);
        _fiatTransfer(from, to, value);
    }

    function _cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) private {
        _requireUnusedAuthorization(authorizer, nonce);
        _requireValidSignature(
            authorizer, keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)), signature
        );
        _authorizationStates[authorizer][nonce] = true;
        emit AuthorizationCanceled(authorizer, nonce);
    }

    function _requireUnusedAuthorization(address authorizer, bytes32 nonce) private view {
        require(!_authorizationStates[authorizer][nonce], "FiatTokenV2: authorization is used or canceled");
    }

    function _requireValidSignature(address signer, bytes32 structHash, bytes memory signature) private view {
        require(
            SignatureChecker.isValidSignatureNow(signer, _hashTypedDataV4(structHash), signature),
            "FiatTokenV2: invalid signature"
        );
    }

    // FiatToken's revert strings instead of OpenZeppelin's custom errors, because facilitators read the
    // revert text to name a failure (e.g. "transfer amount exceeds balance" -> insufficient balance).

    /// @notice ERC-20 transfer, with FiatToken's revert strings.
    function transfer(address to, uint256 value) public override returns (bool) {
        _fiatTransfer(_msgSender(), to, value);
        return true;
    }

    /// @notice ERC-20 transferFrom, with FiatToken's revert strings (allowance checked first).
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        _spendAllowance(from, _msgSender(), value);
        _fiatTransfer(from, to, value);
        return true;
    }

    function _fiatTransfer(address from, address to, uint256 value) private {
        require(from != address(0), "ERC20: transfer from the zero address");
        require(to != address(0), "ERC20: transfer to the zero address");
        _transfer(from, to, value);
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        if (from != address(0)) {
            require(balanceOf(from) >= value, "ERC20: transfer amount exceeds balance");
        }
        super._update(from, to, value);
    }

    function _approve(address owner, address spender, uint256 value, bool emitEvent) internal override {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        super._approve(owner, spender, value, emitEvent);
    }

    function _spendAllowance(address owner, address spender, uint256 value) internal override {
        require(value <= allowance(owner, spender), "ERC20: transfer amount exceeds allowance");
        super._spendAllowance(owner, spender, value);
    }
}
